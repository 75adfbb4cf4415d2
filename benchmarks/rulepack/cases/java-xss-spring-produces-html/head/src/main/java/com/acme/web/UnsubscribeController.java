package com.acme.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class UnsubscribeController {
    private final Subscriptions subscriptions;

    public UnsubscribeController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping(value = "/unsubscribe", produces = MediaType.TEXT_HTML_VALUE)
    public String unsubscribe(@RequestParam String email, @RequestParam String token) {
        if (!subscriptions.cancel(email, token)) {
            return "<html><body><p>This link has expired.</p></body></html>";
        }
        return "<html><body><p>" + email + " will no longer receive our newsletter.</p></body></html>";
    }
}
