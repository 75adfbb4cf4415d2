package com.example.docs.preview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;

/** Renders the first page of a stored PDF as a small PNG with poppler's pdftoppm. */
@Service
public class ThumbnailService {

    private static final long TIMEOUT_SECONDS = 20;

    private final DocumentStore store;

    public ThumbnailService(DocumentStore store) {
        this.store = store;
    }

    public byte[] thumbnail(long documentId) throws IOException, InterruptedException {
        Path workDir = Files.createTempDirectory("thumb-");
        try {
            Path pdf = workDir.resolve("input.pdf");
            store.copyTo(documentId, pdf);
            Path prefix = workDir.resolve("page");
            Process process = new ProcessBuilder(List.of(
                    "pdftoppm", "-png", "-singlefile", "-f", "1", "-l", "1", "-scale-to", "320",
                    pdf.toString(), prefix.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("pdftoppm timed out for document " + documentId);
            }
            if (process.exitValue() != 0) {
                throw new IOException("pdftoppm failed for document " + documentId);
            }
            return Files.readAllBytes(workDir.resolve("page.png"));
        } finally {
            FileSystemUtils.deleteRecursively(workDir);
        }
    }
}
