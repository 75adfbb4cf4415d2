import java.sql.Connection;
import java.sql.DriverManager;
import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

public class Credentials {
    // ruleid: pr-review.java.hardcoded-credentials
    private static final String DB_PASSWORD = "Pr0d-Passw0rd!";
    // ok: pr-review.java.hardcoded-credentials
    private static final String PASSWORD_PARAM = "password";
    // ok: pr-review.java.hardcoded-credentials
    private static final String DB_PASSWORD_PROPERTY = "app.datasource.password";
    // ok: pr-review.java.hardcoded-credentials
    private static final String API_KEY = "app.billing.api-key";
    // ok: pr-review.java.hardcoded-credentials
    private final String jwtSecret = System.getenv("JWT_SECRET");
    // ruleid: pr-review.java.hardcoded-credentials
    private String clientSecret = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    Connection connect(String url) throws Exception {
        // ruleid: pr-review.java.hardcoded-credentials
        return DriverManager.getConnection(url, "app", "s3cr3t-db-pass");
    }

    Connection connectFromEnv(String url) throws Exception {
        // ok: pr-review.java.hardcoded-credentials
        return DriverManager.getConnection(url, "app", System.getenv("DB_PASSWORD"));
    }

    String sign(String subject) {
        // ruleid: pr-review.java.hardcoded-credentials
        return JWT.create().withSubject(subject).sign(Algorithm.HMAC256("my-signing-secret-2024"));
    }

    void configure(DataSourceBuilder builder) {
        // ruleid: pr-review.java.hardcoded-credentials
        builder.setPassword("hunter2hunter2");
        // ok: pr-review.java.hardcoded-credentials
        builder.setPassword(System.getenv("DB_PASSWORD"));
    }

    String awsKeyId() {
        String id = System.getenv("AWS_ACCESS_KEY_ID");
        // ruleid: pr-review.java.hardcoded-credentials
        return id != null ? id : "AKIAIOSFODNN7EXAMPLE";
    }
}
