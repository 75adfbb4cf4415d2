package com.example.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import org.springframework.stereotype.Service;

@Service
public class ResetTokenService {
    private final SecureRandom random = new SecureRandom();
    private final ResetTokenRepository tokens;
    private final Clock clock;

    public ResetTokenService(ResetTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    public String issue(long userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.save(new ResetToken(userId, token, Instant.now(clock).plus(Duration.ofMinutes(30))));
        return token;
    }
}
