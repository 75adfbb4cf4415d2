package com.example.users;

import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.Id;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@Entity
class Account {
    @Id @GeneratedValue Long id;
    String displayName;
    String email;
    boolean admin;
    long creditCents;
}

interface AccountRepository extends JpaRepository<Account, Long> {}

@RestController
public class ProfileController {
    private final AccountRepository accounts;

    public ProfileController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @PutMapping("/accounts/{id}")
    public ResponseEntity<Account> update(@PathVariable Long id, @RequestBody Account account) {
        if (!accounts.existsById(id)) {
            return ResponseEntity.notFound().build();
        }
        account.id = id;
        return ResponseEntity.ok(accounts.save(account));
    }
}
