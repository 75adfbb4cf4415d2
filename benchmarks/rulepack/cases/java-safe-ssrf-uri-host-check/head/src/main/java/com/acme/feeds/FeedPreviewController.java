package com.acme.feeds;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

@RestController
public class FeedPreviewController {
    private static final Set<String> FEED_HOSTS = Set.of("feeds.bbci.co.uk", "rss.nytimes.com");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    @GetMapping("/feeds/preview")
    public String preview(@RequestParam String url) throws Exception {
        URI uri = URI.create(url);
        if (!"https".equals(uri.getScheme()) || !FEED_HOSTS.contains(uri.getHost())) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "feed host not allowed");
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}
