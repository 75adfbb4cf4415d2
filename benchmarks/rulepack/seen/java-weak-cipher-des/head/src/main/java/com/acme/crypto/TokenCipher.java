package com.acme.crypto;

import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

public class TokenCipher {
    private final SecretKeySpec key;

    public TokenCipher(byte[] secret) {
        this.key = new SecretKeySpec(secret, "DES");
    }

    public String encrypt(String plain) throws Exception {
        Cipher cipher = Cipher.getInstance("DES/ECB/PKCS5Padding");
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return Base64.getEncoder().encodeToString(cipher.doFinal(plain.getBytes()));
    }
}
