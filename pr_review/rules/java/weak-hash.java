import java.security.MessageDigest;
import org.apache.commons.codec.digest.DigestUtils;

public class Hashes {
    public void run(byte[] body) throws Exception {
        // ruleid: pr-review.java.weak-hash
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        // ruleid: pr-review.java.weak-hash
        MessageDigest sha1 = java.security.MessageDigest.getInstance("SHA-1");
        // ruleid: pr-review.java.weak-hash
        String hex = DigestUtils.md5Hex(body);
        // ok: pr-review.java.weak-hash
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        // ok: pr-review.java.weak-hash
        String good = DigestUtils.sha256Hex(body);
        // ruleid: pr-review.java.weak-hash
        String etag = org.apache.commons.codec.digest.DigestUtils.sha1Hex(body);
        // ruleid: pr-review.java.weak-hash
        byte[] legacy = com.google.common.hash.Hashing.md5().hashBytes(body).asBytes();
        // ok: pr-review.java.weak-hash
        byte[] modern = com.google.common.hash.Hashing.sha256().hashBytes(body).asBytes();
    }
}
