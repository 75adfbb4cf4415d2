package com.example.users;

import javax.validation.Valid;
import javax.validation.constraints.Email;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProfileController {
    private final AccountRepository accounts;

    public ProfileController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public record ProfileUpdate(@NotBlank @Size(max = 80) String displayName, @Email String email) {}

    @PutMapping("/accounts/{id}")
    public ResponseEntity<AccountView> update(@PathVariable Long id, @Valid @RequestBody ProfileUpdate body) {
        return accounts.findById(id)
                .map(account -> {
                    account.setDisplayName(body.displayName());
                    account.setEmail(body.email());
                    return ResponseEntity.ok(AccountView.of(accounts.save(account)));
                })
                .orElse(ResponseEntity.notFound().build());
    }
}
