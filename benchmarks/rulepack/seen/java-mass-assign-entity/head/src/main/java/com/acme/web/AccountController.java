package com.acme.web;

import com.acme.model.Account;
import com.acme.repo.AccountRepository;
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
    public Account update(@PathVariable long id, @RequestBody Account account) {
        account.setId(id);
        return accounts.save(account);
    }
}
