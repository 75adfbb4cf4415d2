package com.acme.auth;

import java.util.logging.Logger;

public class TokenService {
    private static final Logger LOGGER = Logger.getLogger(TokenService.class.getName());

    public String issue(String user) {
        String accessToken = Jwts.issue(user);
        LOGGER.info("issued access token " + accessToken + " for " + user);
        return accessToken;
    }
}
