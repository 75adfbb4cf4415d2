package com.acme.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class LanguageController {
    @PostMapping("/language")
    public String change(@RequestParam String lang, HttpServletRequest request, HttpSession session) {
        session.setAttribute("lang", "de".equals(lang) ? "de" : "en");
        String back = request.getHeader("Referer");
        return "redirect:" + (back != null ? back : "/");
    }
}
