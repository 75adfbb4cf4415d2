package com.acme.auth;

import java.io.IOException;
import java.net.URI;
import javax.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SsoCallbackController {
    @GetMapping("/sso/callback")
    public void callback(@RequestParam String state, HttpServletResponse response) throws IOException {
        if (!isSameOrigin(state)) {
            response.sendRedirect("/");
            return;
        }
        response.sendRedirect(state);
    }

    private static boolean isSameOrigin(String target) {
        URI uri = URI.create(target);
        return uri.getHost() == null && uri.getScheme() == null && target.startsWith("/") && !target.startsWith("//");
    }
}
