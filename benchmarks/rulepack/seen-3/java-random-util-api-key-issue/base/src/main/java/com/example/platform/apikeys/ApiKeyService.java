package com.example.platform.apikeys;

import org.springframework.stereotype.Service;

@Service
public class ApiKeyService {

    private final ApiKeyRepository keys;

    public ApiKeyService(ApiKeyRepository keys) {
        this.keys = keys;
    }

    public void revoke(String ownerId, String keyId) {
        keys.deleteByOwnerIdAndId(ownerId, keyId);
    }
}
