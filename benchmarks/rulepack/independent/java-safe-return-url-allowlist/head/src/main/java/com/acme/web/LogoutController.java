package com.acme.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Set;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

@Controller
public class LogoutController {

    private static final Set<String> TRUSTED_HOSTS = Set.of("www.acme.com", "shop.acme.com");

    @GetMapping("/logout/done")
    public String done(@RequestParam(name = "return", required = false) String returnUrl) {
        return "redirect:" + checked(returnUrl);
    }

    private static String checked(String candidate) {
        if (candidate == null) {
            return "/";
        }
        try {
            URI uri = new URI(candidate);
            if ("https".equals(uri.getScheme()) && uri.getHost() != null && TRUSTED_HOSTS.contains(uri.getHost())
                    && uri.getUserInfo() == null) {
                return uri.toString();
            }
        } catch (URISyntaxException e) {
            // fall through to the home page
        }
        return "/";
    }
}
