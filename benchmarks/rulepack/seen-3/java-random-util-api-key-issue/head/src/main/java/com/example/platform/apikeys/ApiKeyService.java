package com.example.platform.apikeys;

import java.time.Instant;
import java.util.HexFormat;
import java.util.Random;

import org.springframework.stereotype.Service;

@Service
public class ApiKeyService {

    private static final String PREFIX = "pk_live_";

    private final Random random = new Random();
    private final ApiKeyRepository keys;
    private final KeyHasher hasher;

    public ApiKeyService(ApiKeyRepository keys, KeyHasher hasher) {
        this.keys = keys;
        this.hasher = hasher;
    }

    /** Creates a key; the plain value is shown to the user once and only its hash is stored. */
    public String issue(String ownerId, String label) {
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String key = PREFIX + HexFormat.of().formatHex(secret);
        keys.save(new ApiKey(ownerId, label, hasher.hash(key), Instant.now()));
        return key;
    }

    public void revoke(String ownerId, String keyId) {
        keys.deleteByOwnerIdAndId(ownerId, keyId);
    }
}
