package com.example.web;

import java.io.IOException;

import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpFilter;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class RememberMeFilter extends HttpFilter {
    private final RememberMeTokens tokens;

    public RememberMeFilter(RememberMeTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        String user = (String) req.getSession().getAttribute("user");
        if (user != null && "on".equals(req.getParameter("remember"))) {
            Cookie cookie = new Cookie("remember_me", tokens.issue(user));
            cookie.setMaxAge(60 * 60 * 24 * 30);
            cookie.setPath("/");
            res.addCookie(cookie);
        }
        chain.doFilter(req, res);
    }
}
