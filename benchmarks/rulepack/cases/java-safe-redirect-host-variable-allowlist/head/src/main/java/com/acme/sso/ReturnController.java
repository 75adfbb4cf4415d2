package com.acme.sso;

import java.io.IOException;
import java.util.Set;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

@Controller
public class ReturnController {
    private static final Set<String> PARTNER_HOSTS = Set.of("shop.example.com", "help.example.com");

    @GetMapping("/sso/return")
    public void back(@RequestParam("target") String target, HttpServletResponse response) throws IOException {
        UriComponents parts = UriComponentsBuilder.fromUriString(target).build();
        String host = parts.getHost();
        boolean partner = "https".equals(parts.getScheme()) && host != null && PARTNER_HOSTS.contains(host);
        if (host != null && !partner) {
            response.sendRedirect("/");
            return;
        }
        response.sendRedirect(target);
    }
}
