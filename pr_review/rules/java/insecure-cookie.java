import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

public class Cookies {
    public void plain(HttpServletResponse response, String token) {
        Cookie cookie = new Cookie("SESSION", token);
        cookie.setPath("/");
        // ruleid: pr-review.java.insecure-cookie
        response.addCookie(cookie);
    }

    public void fqn(HttpServletResponse response, String value) {
        jakarta.servlet.http.Cookie c = new jakarta.servlet.http.Cookie("remember", value);
        // ruleid: pr-review.java.insecure-cookie
        response.addCookie(c);
    }

    public void secure(HttpServletResponse response, String token) {
        Cookie cookie = new Cookie("SESSION", token);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        // ok: pr-review.java.insecure-cookie
        response.addCookie(cookie);
    }

    public void off(HttpServletResponse response, String token) {
        Cookie cookie = new Cookie("SESSION", token);
        // ruleid: pr-review.java.insecure-cookie
        cookie.setSecure(false);
        response.addCookie(cookie);
    }
}
