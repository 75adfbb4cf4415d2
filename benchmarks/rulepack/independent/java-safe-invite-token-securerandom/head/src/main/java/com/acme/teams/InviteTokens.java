package com.acme.teams;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;

import org.springframework.stereotype.Component;

@Component
public class InviteTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public InviteTokens(Clock clock) {
        this.clock = clock;
    }

    public Invite issue(long teamId, String email) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = ENCODER.encodeToString(bytes);
        return new Invite(teamId, email, token, Instant.now(clock).plusSeconds(7 * 24 * 3600));
    }

    public record Invite(long teamId, String email, String token, Instant expiresAt) {}
}
