package com.acme.auth;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TokenCookieController {
    private final TokenIssuer issuer;

    public TokenCookieController(TokenIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping("/auth/refresh")
    public ResponseEntity<Void> refresh(@RequestBody RefreshRequest request) {
        String refresh = issuer.rotate(request.refreshToken());
        ResponseCookie cookie = ResponseCookie.from("refresh_token", refresh)
                .httpOnly(true)
                .path("/auth")
                .maxAge(Duration.ofDays(14))
                .sameSite("Strict")
                .build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }
}
