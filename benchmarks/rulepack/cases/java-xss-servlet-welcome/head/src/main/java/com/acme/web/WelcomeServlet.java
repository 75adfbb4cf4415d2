package com.acme.web;

import java.io.IOException;
import java.io.PrintWriter;
import javax.servlet.http.*;


public class WelcomeServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        resp.setContentType("text/html");
        PrintWriter out = resp.getWriter();
        out.println("<html><body>");
        out.println("<div class='welcome'>Welcome back, " + user + "!</div>");
        out.println("</body></html>");
    }
}
