package com.acme.web;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class RememberMe extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
        jakarta.servlet.http.Cookie remember = new jakarta.servlet.http.Cookie("remember", Tokens.issue());
        remember.setHttpOnly(true);
        response.addCookie(remember);
    }
}
