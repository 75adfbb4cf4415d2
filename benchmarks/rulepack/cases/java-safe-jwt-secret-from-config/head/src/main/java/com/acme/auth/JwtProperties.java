package com.acme.auth;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

@Component
public class JwtProperties {
    public static final String SECRET_PROPERTY = "acme.jwt.secret";
    public static final String AUTH_HEADER = "Authorization";

    private final String jwtSecret;

    public JwtProperties(@Value("${acme.jwt.secret}") String jwtSecret) {
        if (jwtSecret == null || jwtSecret.length() < 32) {
            throw new IllegalStateException(SECRET_PROPERTY + " must hold at least 32 characters");
        }
        this.jwtSecret = jwtSecret;
    }

    public String secret() {
        return jwtSecret;
    }
}
