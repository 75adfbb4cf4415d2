package com.acme.hooks;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class WebhookTestController {
    private final OkHttpClient client = new OkHttpClient();

    @PostMapping("/hooks/test")
    public int test(@RequestParam String endpoint) throws IOException {
        Request ping = new Request.Builder()
                .url(endpoint)
                .header("User-Agent", "acme-webhooks/1.0")
                .build();
        try (Response response = client.newCall(ping).execute()) {
            return response.code();
        }
    }
}
