package com.acme.account;

import java.security.Principal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProfileController {

    private final UserAccountRepository accounts;

    public ProfileController(UserAccountRepository accounts) {
        this.accounts = accounts;
    }

    // UserAccount is the @Entity: id, email, displayName, role, emailVerified, passwordHash
    @PutMapping("/api/me")
    public ResponseEntity<UserAccount> update(@RequestBody UserAccount incoming, Principal principal) {
        UserAccount current = accounts.findByEmail(principal.getName()).orElseThrow();
        incoming.setId(current.getId());
        UserAccount saved = accounts.save(incoming);
        return ResponseEntity.ok(saved);
    }
}
