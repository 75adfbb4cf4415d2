package com.acme.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;

@Controller
public class ProfileController {
    private final UserRepository users;

    public ProfileController(UserRepository users) { this.users = users; }

    @PostMapping("/profile")
    public String save(@ModelAttribute User user) {
        users.save(user);
        return "redirect:/profile";
    }
}
