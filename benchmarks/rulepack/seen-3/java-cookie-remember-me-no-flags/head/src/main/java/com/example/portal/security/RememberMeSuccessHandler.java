package com.example.portal.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;

/** Issues our own long-lived "remember me" cookie after a form login. */
public class RememberMeSuccessHandler extends SavedRequestAwareAuthenticationSuccessHandler {

    private static final Duration REMEMBER_FOR = Duration.ofDays(30);

    private final RememberMeTokens tokens;

    public RememberMeSuccessHandler(RememberMeTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
                                        Authentication authentication) throws IOException, ServletException {
        if ("on".equals(request.getParameter("remember"))) {
            String token = tokens.create(authentication.getName(), REMEMBER_FOR);
            Cookie cookie = new Cookie("REMEMBER_ME", token);
            cookie.setPath("/");
            cookie.setMaxAge((int) REMEMBER_FOR.toSeconds());
            response.addCookie(cookie);
        }
        super.onAuthenticationSuccess(request, response, authentication);
    }
}
