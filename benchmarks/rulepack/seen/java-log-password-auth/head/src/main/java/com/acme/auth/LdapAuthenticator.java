package com.acme.auth;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class LdapAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(LdapAuthenticator.class);
    private final LdapClient client;

    public LdapAuthenticator(LdapClient client) {
        this.client = client;
    }

    public boolean authenticate(String username, String password) {
        log.debug("Authenticating {} with password {}", username, password);
        return client.bind(username, password);
    }
}
