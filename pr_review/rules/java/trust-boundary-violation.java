import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

public class Prefs {
    public void store(HttpServletRequest request) {
        String role = request.getParameter("role");
        // ruleid: pr-review.java.trust-boundary-violation
        request.getSession().setAttribute("role", role);
        HttpSession session = request.getSession(true);
        // ruleid: pr-review.java.trust-boundary-violation
        session.setAttribute(request.getParameter("key"), "x");
        // ok: pr-review.java.trust-boundary-violation
        session.setAttribute("page", Integer.parseInt(request.getParameter("page")));
        // ok: pr-review.java.trust-boundary-violation
        session.setAttribute("theme", validTheme(request.getParameter("theme")));
        // ok: pr-review.java.trust-boundary-violation
        session.setAttribute("user", request.getRemoteUser());
    }
}
