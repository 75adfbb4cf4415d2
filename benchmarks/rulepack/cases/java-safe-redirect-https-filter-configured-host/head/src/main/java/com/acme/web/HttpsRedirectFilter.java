package com.acme.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sends plain-HTTP requests to the same page on the public HTTPS host. The
 * load balancer terminates TLS and sets X-Forwarded-Proto.
 */
@Component
public class HttpsRedirectFilter extends OncePerRequestFilter {

    private final String publicHost;

    public HttpsRedirectFilter(@Value("${app.public-host}") String publicHost) {
        this.publicHost = publicHost;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean secure = request.isSecure() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
        if (secure) {
            response.setHeader("Strict-Transport-Security", "max-age=31536000");
            chain.doFilter(request, response);
            return;
        }
        String query = request.getQueryString();
        response.sendRedirect("https://" + publicHost + request.getRequestURI() + (query != null ? "?" + query : ""));
    }
}
