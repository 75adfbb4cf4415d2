import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;

public class Crypto {
    public void run() throws Exception {
        // ruleid: pr-review.java.weak-cipher
        Cipher des = Cipher.getInstance("DES/ECB/PKCS5Padding");
        // ruleid: pr-review.java.weak-cipher
        Cipher ecb = javax.crypto.Cipher.getInstance("AES/ECB/PKCS5Padding");
        // ruleid: pr-review.java.weak-cipher
        Cipher bare = Cipher.getInstance("AES");
        // ruleid: pr-review.java.weak-cipher
        KeyGenerator kg = KeyGenerator.getInstance("DESede");
        // ok: pr-review.java.weak-cipher
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        // ok: pr-review.java.weak-cipher
        KeyGenerator aes = KeyGenerator.getInstance("AES");
        // ok: pr-review.java.weak-cipher
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
    }
}
