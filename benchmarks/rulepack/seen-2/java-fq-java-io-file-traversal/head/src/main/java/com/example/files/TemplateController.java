package com.example.files;

import java.io.IOException;
import java.nio.file.Files;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class TemplateController {
    @Value("${app.templates.dir:/opt/app/templates}")
    private String templatesDir;

    @GetMapping(value = "/templates/raw", produces = MediaType.TEXT_PLAIN_VALUE)
    public ResponseEntity<String> raw(@RequestParam("name") String name) throws IOException {
        java.io.File file = new java.io.File(templatesDir, name);
        if (!file.isFile()) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok(Files.readString(file.toPath()));
    }
}
