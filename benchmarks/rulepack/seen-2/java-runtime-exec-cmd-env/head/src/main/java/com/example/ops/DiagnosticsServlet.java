package com.example.ops;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/admin/diagnostics/ping")
public class DiagnosticsServlet extends HttpServlet {
    private static final String[] ENV = {"PATH=/usr/bin:/bin", "LANG=C"};

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String host = request.getParameter("host");
        String cmd = "ping -c 3 " + host;
        Process process = Runtime.getRuntime().exec(cmd, ENV);
        try (InputStream out = process.getInputStream()) {
            response.setContentType("text/plain");
            response.getWriter().write(new String(out.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
