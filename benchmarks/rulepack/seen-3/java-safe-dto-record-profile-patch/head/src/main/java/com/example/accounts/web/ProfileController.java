package com.example.accounts.web;

import java.security.Principal;

import com.example.accounts.domain.User;
import com.example.accounts.domain.UserRepository;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ProfileController {

    /** The only fields a user may change about themselves. */
    public record ProfileUpdate(
            @NotBlank @Size(max = 80) String displayName,
            @Size(max = 500) String bio,
            @Size(max = 64) String timeZone) {}

    public record ProfileView(String username, String displayName, String bio, String timeZone) {}

    private final UserRepository users;

    public ProfileController(UserRepository users) {
        this.users = users;
    }

    @PatchMapping("/api/me/profile")
    @Transactional
    public ProfileView update(@Valid @RequestBody ProfileUpdate update, Principal principal) {
        User user = users.findByUsername(principal.getName()).orElseThrow();
        user.setDisplayName(update.displayName());
        user.setBio(update.bio());
        user.setTimeZone(update.timeZone());
        User saved = users.save(user);
        return new ProfileView(saved.getUsername(), saved.getDisplayName(), saved.getBio(), saved.getTimeZone());
    }
}
