package com.acme;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

public class Vault {
    public byte[] seal(byte[] key, byte[] data) throws Exception {
        Cipher c = Cipher.getInstance("Blowfish");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "Blowfish"));
        return c.doFinal(data);
    }
}
