package com.acme.auth;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReturnController {
    @GetMapping("/auth/return")
    public ResponseEntity<Void> back(@RequestParam(name = "return_to", defaultValue = "/") String returnTo) {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(returnTo)).build();
    }
}
