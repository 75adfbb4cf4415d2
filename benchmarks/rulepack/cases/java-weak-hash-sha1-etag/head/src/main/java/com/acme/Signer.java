package com.acme;

public class Signer {
    public byte[] sign(byte[] secret, byte[] body) throws Exception {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-1");
        md.update(secret);
        return md.digest(body);
    }
}
