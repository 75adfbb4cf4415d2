package com.acme.feeds;

import org.springframework.web.bind.annotation.*;
import org.springframework.web.client.RestTemplate;


@RestController
public class FeedController {
    private final RestTemplate restTemplate = new RestTemplate();

    @GetMapping("/feeds/preview")
    public String preview(@RequestParam String feedUrl) {
        String xml = restTemplate.getForObject(feedUrl, String.class);
        return FeedParser.summarize(xml);
    }
}
