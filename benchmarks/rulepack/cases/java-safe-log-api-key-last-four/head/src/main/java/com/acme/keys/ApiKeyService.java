package com.acme.keys;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiKeyRepository keys;
    private final PasswordHasher hasher;

    public ApiKeyService(ApiKeyRepository keys, PasswordHasher hasher) {
        this.keys = keys;
        this.hasher = hasher;
    }

    @Transactional
    public String rotate(long accountId) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String apiKey = "ak_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        keys.revokeAll(accountId);
        keys.save(new ApiKey(accountId, hasher.hash(apiKey), apiKey.substring(apiKey.length() - 4)));
        String masked = apiKey.replaceAll(".(?=.{4})", "*");
        log.info("rotated API key for account {}: {} (ending {})", accountId, masked, apiKey.substring(apiKey.length() - 4));
        return apiKey;
    }
}
