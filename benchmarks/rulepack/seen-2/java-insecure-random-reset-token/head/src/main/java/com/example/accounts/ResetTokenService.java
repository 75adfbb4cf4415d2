package com.example.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import org.springframework.stereotype.Service;

@Service
public class ResetTokenService {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private final Random random = new Random();
    private final ResetTokenRepository tokens;
    private final Clock clock;

    public ResetTokenService(ResetTokenRepository tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    public String issue(long userId) {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String token = sb.toString();
        tokens.save(new ResetToken(userId, token, Instant.now(clock).plus(Duration.ofMinutes(30))));
        return token;
    }
}
