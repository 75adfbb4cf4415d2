package com.acme.account;

import javax.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
public class AccountSettingsController {
    private final UserRepository users;

    public AccountSettingsController(UserRepository users) {
        this.users = users;
    }

    @InitBinder("user")
    void restrictBinding(WebDataBinder binder) {
        binder.setAllowedFields("displayName", "email", "timezone");
    }

    @PostMapping("/settings")
    public String save(@Valid @ModelAttribute("user") User user) {
        users.save(user);
        return "redirect:/settings?saved";
    }
}
