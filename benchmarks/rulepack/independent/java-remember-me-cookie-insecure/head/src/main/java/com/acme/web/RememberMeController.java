package com.acme.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class RememberMeController {

    private final RememberMeTokens tokens;

    public RememberMeController(RememberMeTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping("/login/remember")
    public String remember(@RequestParam String username, HttpServletResponse response) {
        String token = tokens.issue(username);
        Cookie cookie = new Cookie("remember_me", token);
        cookie.setPath("/");
        cookie.setMaxAge(60 * 60 * 24 * 30);
        response.addCookie(cookie);
        return "redirect:/home";
    }
}
