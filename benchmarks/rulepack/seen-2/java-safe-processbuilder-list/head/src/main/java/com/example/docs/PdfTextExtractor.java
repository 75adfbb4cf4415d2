package com.example.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

@Service
public class PdfTextExtractor {
    private static final String PDFTOTEXT = "/usr/bin/pdftotext";

    public String extract(MultipartFile upload, String firstPage) throws IOException, InterruptedException {
        Path pdf = Files.createTempFile("upload-", ".pdf");
        try {
            upload.transferTo(pdf);
            List<String> command = List.of(PDFTOTEXT, "-layout", "-f", firstPage, pdf.toString(), "-");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("pdftotext timed out");
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(pdf);
        }
    }
}
