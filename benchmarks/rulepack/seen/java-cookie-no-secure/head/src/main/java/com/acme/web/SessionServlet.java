package com.acme.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

public class SessionServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) {
        String token = SessionStore.create(request.getRemoteUser());
        Cookie cookie = new Cookie("SESSION", token);
        cookie.setPath("/");
        response.addCookie(cookie);
    }
}
