package com.acme.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

public class RequestSigner {
    private final String secret;

    public RequestSigner(String secret) {
        this.secret = secret;
    }

    public String sign(String body) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        md.update(secret.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(md.digest(body.getBytes(StandardCharsets.UTF_8)));
    }
}
