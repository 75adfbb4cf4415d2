package com.acme.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Service;

@Service
public class DiskUsageService {
    private static final String DATA_ROOT = "/srv/tenants";

    public String usage(String tenant) throws IOException, InterruptedException {
        String script = "du -sh " + DATA_ROOT + "/" + tenant + " | cut -f1";
        Process process = new ProcessBuilder("/bin/sh", "-c", script)
                .redirectErrorStream(true)
                .start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("du timed out");
        }
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
