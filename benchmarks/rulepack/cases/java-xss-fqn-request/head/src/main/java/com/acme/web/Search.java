package com.acme.web;

public class Search extends javax.servlet.http.HttpServlet {
    @Override
    protected void doGet(javax.servlet.http.HttpServletRequest req, javax.servlet.http.HttpServletResponse resp)
            throws java.io.IOException {
        resp.getWriter().write("<p>No results for " + req.getParameter("q") + "</p>");
    }
}
