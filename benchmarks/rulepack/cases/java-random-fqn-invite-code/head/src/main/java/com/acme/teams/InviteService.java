package com.acme.teams;

import java.time.Instant;

public class InviteService {
    private final java.util.Random rng = new java.util.Random();
    private final InviteRepository invites;

    public InviteService(InviteRepository invites) {
        this.invites = invites;
    }

    public Invite create(long teamId, String email) {
        String inviteCode = Long.toString(rng.nextLong() & Long.MAX_VALUE, 36);
        return invites.save(new Invite(teamId, email, inviteCode, Instant.now().plusSeconds(7 * 86400)));
    }
}
