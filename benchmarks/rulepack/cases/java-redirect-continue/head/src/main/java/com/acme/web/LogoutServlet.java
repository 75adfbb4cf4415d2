package com.acme.web;

import java.io.IOException;
import javax.servlet.http.*;


public class LogoutServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        String next = request.getParameter("continue");
        response.sendRedirect(next != null ? next : "/");
    }
}
