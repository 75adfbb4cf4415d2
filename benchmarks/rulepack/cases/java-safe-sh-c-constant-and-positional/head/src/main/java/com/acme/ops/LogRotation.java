package com.acme.ops;

import java.io.IOException;
import java.util.List;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

@Component
public class LogRotation {
    private static final String LOG_DIR = "/var/log/acme";
    private static final int KEEP = 14;

    @Scheduled(cron = "0 0 3 * * *")
    public void rotate() throws IOException {
        new ProcessBuilder("sh", "-c", "ls -1t " + LOG_DIR + "/*.gz | tail -n +" + (KEEP + 1) + " | xargs -r rm --").start();
    }

    public void compress(String file) throws IOException {
        new ProcessBuilder(List.of("sh", "-c", "gzip -9 -- \"$1\"", "compress", file)).start();
    }
}
