package com.acme.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Service;

@Service
public class ArchiveService {

    private final Path backupRoot;

    public ArchiveService(BackupProperties props) {
        this.backupRoot = props.root().toAbsolutePath().normalize();
    }

    public Path archive(String projectId) throws IOException, InterruptedException {
        if (!projectId.matches("[A-Za-z0-9_-]{1,40}")) {
            throw new IllegalArgumentException("bad project id");
        }
        Path source = backupRoot.resolve("projects").resolve(projectId);
        Path target = backupRoot.resolve("archives").resolve(projectId + ".tar.gz");
        List<String> command = new ArrayList<>();
        command.add("tar");
        command.add("-czf");
        command.add(target.toString());
        command.add("-C");
        command.add(source.toString());
        command.add(".");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("tar failed for " + projectId);
        }
        return target;
    }
}
