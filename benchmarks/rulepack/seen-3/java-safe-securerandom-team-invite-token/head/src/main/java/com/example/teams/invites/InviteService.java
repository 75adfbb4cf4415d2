package com.example.teams.invites;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class InviteService {

    private static final Duration VALID_FOR = Duration.ofDays(7);
    private static final Base64.Encoder TOKEN_ENCODING = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom();
    private final InviteRepository invites;
    private final TokenHasher hasher;
    private final InviteMailer mailer;
    private final Clock clock;

    public InviteService(InviteRepository invites, TokenHasher hasher, InviteMailer mailer, Clock clock) {
        this.invites = invites;
        this.hasher = hasher;
        this.mailer = mailer;
        this.clock = clock;
    }

    /** Invites someone to a team; the link carries a random token, the database only its hash. */
    @Transactional
    public void invite(long teamId, String email, String invitedBy) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = TOKEN_ENCODING.encodeToString(bytes);
        invites.save(new Invite(teamId, email, hasher.sha256(token), invitedBy, clock.instant().plus(VALID_FOR)));
        mailer.sendInvite(email, teamId, token);
    }
}
