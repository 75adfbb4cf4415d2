package com.teamapp.invites;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class InvitationService {
    private static final char[] SYMBOLS = "abcdefghijkmnopqrstuvwxyz0123456789".toCharArray();

    private final InvitationRepository invitations;
    private final Random rnd = new Random();

    public InvitationService(InvitationRepository invitations) {
        this.invitations = invitations;
    }

    @Transactional
    public Invitation invite(long teamId, String email) {
        char[] code = new char[20];
        for (int i = 0; i < code.length; i++) {
            code[i] = SYMBOLS[rnd.nextInt(SYMBOLS.length)];
        }
        Invitation inv = new Invitation(teamId, email, new String(code), Instant.now().plus(7, ChronoUnit.DAYS));
        return invitations.save(inv);
    }
}
