package org.example.portal;

import java.io.IOException;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

@WebServlet("/login")
public class LoginServlet extends HttpServlet {

    private final Authenticator auth = Authenticator.fromEnvironment();

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = req.getParameter("user");
        String sessionToken = auth.login(user, req.getParameter("password"));
        if (sessionToken == null) {
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        Cookie session = new Cookie("PORTALSESSION", sessionToken);
        session.setHttpOnly(true);
        session.setPath(req.getContextPath() + "/");
        session.setMaxAge(8 * 60 * 60);
        resp.addCookie(session);
        resp.sendRedirect(req.getContextPath() + "/home");
    }
}
