package com.acme.auth;

import java.security.SecureRandom;
import java.util.Base64;

public class ResetTokens {
    private final SecureRandom random = new SecureRandom();

    public String newResetToken() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
