package com.acme.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class Lang extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        jakarta.servlet.http.Cookie lang = new jakarta.servlet.http.Cookie("lang", "en");
        lang.setSecure(true);
        response.addCookie(lang);
    }
}
