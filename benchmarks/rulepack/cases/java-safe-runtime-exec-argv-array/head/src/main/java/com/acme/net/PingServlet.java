package com.acme.net;

import java.io.IOException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

public class PingServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String host = req.getParameter("host");
        if (host == null || host.startsWith("-")) {
            resp.sendError(400);
            return;
        }
        String[] argv = {"/bin/ping", "-c", "1", "-W", "2", host};
        Process p = Runtime.getRuntime().exec(argv);
        resp.setContentType("text/plain");
        p.getInputStream().transferTo(resp.getOutputStream());
    }
}
