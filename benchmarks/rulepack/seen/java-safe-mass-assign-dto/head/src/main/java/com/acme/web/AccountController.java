package com.acme.web;

import com.acme.model.Account;
import com.acme.repo.AccountRepository;
import com.acme.web.dto.AccountUpdate;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AccountController {
    private final AccountRepository accounts;

    public AccountController(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @PutMapping("/accounts/{id}")
    public Account update(@PathVariable long id, @RequestBody AccountUpdate body) {
        Account account = accounts.findById(id).orElseThrow();
        account.setDisplayName(body.displayName());
        return accounts.save(account);
    }
}
