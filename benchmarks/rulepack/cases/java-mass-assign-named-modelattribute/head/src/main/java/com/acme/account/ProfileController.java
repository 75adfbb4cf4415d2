package com.acme.account;

import javax.validation.Valid;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
public class ProfileController {
    private final UserRepository users;

    public ProfileController(UserRepository users) {
        this.users = users;
    }

    @PostMapping("/profile")
    public String save(@Valid @ModelAttribute("profile") User profile, BindingResult errors) {
        if (errors.hasErrors()) {
            return "profile/edit";
        }
        users.save(profile);
        return "redirect:/profile?saved";
    }
}
