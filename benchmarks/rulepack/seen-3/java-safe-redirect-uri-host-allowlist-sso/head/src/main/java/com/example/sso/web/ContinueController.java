package com.example.sso.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** After sign-in, the SSO page sends users back to the application they came from. */
@RestController
public class ContinueController {

    private static final URI DEFAULT_TARGET = URI.create("https://portal.example.com/");

    private static final Set<String> RELYING_PARTY_HOSTS = Set.of(
            "portal.example.com", "wiki.example.com", "ci.example.com");

    @GetMapping("/sso/continue")
    public ResponseEntity<Void> continueTo(@RequestParam(name = "target", required = false) String target) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(checkedTarget(target)).build();
    }

    static URI checkedTarget(String target) {
        if (target == null) {
            return DEFAULT_TARGET;
        }
        try {
            URI uri = new URI(target);
            String host = uri.getHost();
            if ("https".equals(uri.getScheme()) && uri.getRawUserInfo() == null && host != null
                    && RELYING_PARTY_HOSTS.contains(host.toLowerCase(Locale.ROOT))) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // fall through to the default
        }
        return DEFAULT_TARGET;
    }
}
