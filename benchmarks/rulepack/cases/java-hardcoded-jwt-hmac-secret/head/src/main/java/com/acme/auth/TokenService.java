package com.acme.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;

@Service
public class TokenService {
    private static final String ISSUER = "acme-auth";
    private static final String JWT_SECRET = "q8Zt!r2mW9xL4vKp7sN1";

    public String issue(String userId) {
        return JWT.create()
                .withIssuer(ISSUER)
                .withSubject(userId)
                .withExpiresAt(Instant.now().plus(1, ChronoUnit.HOURS))
                .sign(Algorithm.HMAC256(JWT_SECRET));
    }
}
