package com.acme.auth;

import java.io.IOException;
import java.util.Set;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class LogoutController {
    private static final Set<String> RETURN_PAGES = Set.of("/", "/login", "/pricing");

    @GetMapping("/logout")
    public void logout(@RequestParam(defaultValue = "/") String returnTo, HttpServletResponse response)
            throws IOException {
        String target = RETURN_PAGES.contains(returnTo) ? returnTo : "/";
        response.sendRedirect(target);
    }
}
