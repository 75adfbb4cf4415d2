package com.example.web;

import java.io.IOException;

import javax.servlet.annotation.WebServlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.servlet.http.HttpSession;

@WebServlet("/preferences")
public class PreferencesServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession();
        String tenant = request.getParameter("tenant");
        String locale = request.getParameter("locale");
        session.setAttribute("tenantId", tenant);
        if (locale != null && locale.matches("[a-z]{2}(_[A-Z]{2})?")) {
            session.setAttribute("locale", locale);
        }
        response.sendRedirect(request.getContextPath() + "/dashboard");
    }
}
