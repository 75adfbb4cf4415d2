package com.acme.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Moves users who arrive on the shared domain to their tenant's host, which the
 * tenant picker passes along as ?tenantHost=.
 */
@Component
public class TenantRedirectFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String tenantHost = request.getParameter("tenantHost");
        if (tenantHost == null || tenantHost.isBlank()) {
            chain.doFilter(request, response);
            return;
        }
        if (!request.getServerName().equals("app.example.com")) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_FOUND);
        response.sendRedirect("https://" + tenantHost + request.getRequestURI());
    }
}
