package com.acme.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class Attachment extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        String name = request.getParameter("name");
        byte[] data = java.nio.file.Files.readAllBytes(java.nio.file.Paths.get("/srv/att", name));
        response.getOutputStream().write(data);
    }
}
