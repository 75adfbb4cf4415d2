import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

public class Cookies {
    public void plain(HttpServletResponse response, String token) {
        // ruleid: pr-review.java.insecure-cookie
        Cookie cookie = new Cookie("SESSION", token);
        cookie.setPath("/");
        response.addCookie(cookie);
    }

    public void fqn(HttpServletResponse response, String value) {
        // ruleid: pr-review.java.insecure-cookie
        jakarta.servlet.http.Cookie c = new jakarta.servlet.http.Cookie("remember", value);
        response.addCookie(c);
    }

    public void secure(HttpServletResponse response, String token) {
        // ok: pr-review.java.insecure-cookie
        Cookie cookie = new Cookie("SESSION", token);
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
    }

    public void off(HttpServletResponse response, String token) {
        Cookie cookie = new Cookie("SESSION", token);
        // ruleid: pr-review.java.insecure-cookie
        cookie.setSecure(false);
        response.addCookie(cookie);
    }

    public void remember(HttpServletResponse response, String user, boolean remember) {
        if (remember) {
            // ruleid: pr-review.java.insecure-cookie
            Cookie cookie = new Cookie("remember_me", user);
            cookie.setMaxAge(60 * 60 * 24 * 30);
            cookie.setHttpOnly(true);
            response.addCookie(cookie);
        }
    }

    public void request(HttpServletRequest request, HttpServletResponse response, String token) {
        // ok: pr-review.java.insecure-cookie
        Cookie cookie = new Cookie("SESSION", token);
        cookie.setHttpOnly(true);
        cookie.setSecure(request.isSecure());
        response.addCookie(cookie);
    }

    public ResponseEntity<Void> login(String token) {
        // ruleid: pr-review.java.insecure-cookie
        ResponseCookie session = ResponseCookie.from("SESSION", token).httpOnly(true).path("/").build();
        // ok: pr-review.java.insecure-cookie
        ResponseCookie safe = ResponseCookie.from("SESSION", token).httpOnly(true).secure(true).sameSite("Lax").build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, session.toString(), safe.toString()).build();
    }
}
