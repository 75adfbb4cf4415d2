package com.acme.web;

import java.security.MessageDigest;
import jakarta.servlet.http.HttpServletRequest;

public class EtagFilter {
    public byte[] etag(HttpServletRequest request) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(request.getRequestURI().getBytes());
        return md.digest();
    }
}
