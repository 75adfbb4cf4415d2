package com.acme.ops;

import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;

@Service
public class SnapshotService {
    private static final Pattern DATABASE = Pattern.compile("^[a-z][a-z0-9_]{0,62}$");

    public Process snapshot(String database) throws IOException {
        if (!DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException("invalid database name");
        }
        String pipeline = "pg_dump --no-owner " + database + " | gzip -9 > /var/backups/" + database + ".sql.gz";
        return new ProcessBuilder("bash", "-c", pipeline).start();
    }
}
