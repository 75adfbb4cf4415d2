import java.util.Random;

public class Misc {
    public String newResetToken() {
        // ruleid: pr-review.java.insecure-random
        Random random = new Random();
        // ruleid: pr-review.java.insecure-random
        return Long.toHexString(random.nextLong());
    }

    public void shuffle(java.util.List<String> cards) {
        // ok: pr-review.java.insecure-random
        java.util.Collections.shuffle(cards, new Random());
    }

    public double jitter() {
        // ok: pr-review.java.insecure-random
        return Math.random() * 100;
    }

    public void handle() {
        // ruleid: pr-review.java.insecure-random
        String sessionId = Long.toString(new java.util.Random().nextLong());
        // ok: pr-review.java.insecure-random
        int delayMs = new Random().nextInt(500);
    }

    private final java.util.Random rng = new java.util.Random();

    public void issue() {
        // ruleid: pr-review.java.insecure-random
        String inviteCode = Integer.toHexString(rng.nextInt());
        // ok: pr-review.java.insecure-random
        int bucket = rng.nextInt(10);
    }
}

class PasswordResetService {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    // ruleid: pr-review.java.insecure-random
    private final Random random = new Random();
    private final java.security.SecureRandom secure = new java.security.SecureRandom();

    String issue(long userId) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            // ruleid: pr-review.java.insecure-random
            code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        // ok: pr-review.java.insecure-random
        code.append(ALPHABET.charAt(secure.nextInt(ALPHABET.length())));
        return code.toString();
    }
}

class TokenBucketLimiter {
    // ok: pr-review.java.insecure-random
    private final Random jitter = new Random();
}

class OtpSender {
    String newOtp() {
        // ruleid: pr-review.java.insecure-random
        int otp = java.util.concurrent.ThreadLocalRandom.current().nextInt(100000, 1000000);
        return Integer.toString(otp);
    }
}

class SessionCleanupScheduler {
    private final Random random = new Random();

    long nextDelayMillis() {
        // ok: pr-review.java.insecure-random
        return 60_000 + random.nextInt(5_000);
    }
}
