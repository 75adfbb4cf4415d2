package com.acme.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class Authenticator {
    private static final Logger log = LoggerFactory.getLogger(Authenticator.class);

    public boolean authenticate(String username, String password, Credentials creds) {
        // ruleid: pr-review.java.secret-in-log
        log.debug("Authenticating {} with password {}", username, password);
        // ruleid: pr-review.java.secret-in-log
        log.info("api key: " + creds.getApiKey());
        // ok: pr-review.java.secret-in-log
        log.info("Authenticating {} (password given: {})", username, password != null);
        // ok: pr-review.java.secret-in-log
        log.info("password policy for {} is {}", username, passwordPolicy);
        // ok: pr-review.java.secret-in-log
        log.debug("token fingerprint {}", fingerprint(creds.getAccessToken()));
        String apiToken = creds.getApiToken();
        // ruleid: pr-review.java.secret-in-log
        log.debug("calling upstream with token " + apiToken);
        // ok: pr-review.java.secret-in-log
        log.debug("calling upstream, token present: {}", apiToken != null);
        return true;
    }

  void trace(HttpServletRequest request) {
    // ruleid: pr-review.java.secret-in-log
    log.info("Authorization: {}", request.getHeader("Authorization"));
    // ok: pr-review.java.secret-in-log
    log.info("User-Agent: {}", request.getHeader("User-Agent"));
  }

  void rotate(String apiKey) {
    // ok: pr-review.java.secret-in-log
    log.info("rotated key ending in {}", apiKey.substring(apiKey.length() - 4));
    // ok: pr-review.java.secret-in-log
    log.info("rotated key {}...", apiKey.substring(0, 6));
    // ok: pr-review.java.secret-in-log
    log.info("rotated key {}", apiKey.replaceAll(".(?=.{4})", "*"));
    // ruleid: pr-review.java.secret-in-log
    log.info("rotated key {}", apiKey.substring(3));
  }
}
