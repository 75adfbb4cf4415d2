package com.acme.billing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

public class UpstreamClient {
    private static final Logger log = LoggerFactory.getLogger(UpstreamClient.class);
    private final HttpClient http = HttpClient.newHttpClient();

    public String invoices(String customerId, String apiToken) throws Exception {
        log.debug("GET invoices for " + customerId + " using " + apiToken);
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://billing.example.com/v1/invoices?customer=" + customerId))
                .header("Authorization", "Bearer " + apiToken)
                .build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
