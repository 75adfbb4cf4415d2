package com.example.mail.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.stereotype.Service;

/** Stores each distinct attachment body once, keyed by the SHA-256 of its content. */
@Service
public class AttachmentDeduplicator {

    private final BlobStore blobs;

    public AttachmentDeduplicator(BlobStore blobs) {
        this.blobs = blobs;
    }

    public String store(InputStream content, long size) throws IOException {
        Path spooled = blobs.spool(content, size);
        String key = contentKey(spooled);
        Optional<BlobRef> existing = blobs.find(key);
        if (existing.isPresent()) {
            blobs.discard(spooled);
            return existing.get().key();
        }
        blobs.commit(spooled, key);
        return key;
    }

    private String contentKey(Path file) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int read; (read = in.read(buffer)) != -1; ) {
                sha256.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }
}
