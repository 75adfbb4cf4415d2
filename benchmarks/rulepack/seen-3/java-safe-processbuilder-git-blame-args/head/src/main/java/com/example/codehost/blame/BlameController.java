package com.example.codehost.blame;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
public class BlameController {

    private static final Pattern REF = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]{0,199}");
    private static final Pattern FILE_PATH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/ -]{0,499}");

    private final RepositoryLocator repositories;

    public BlameController(RepositoryLocator repositories) {
        this.repositories = repositories;
    }

    @GetMapping("/api/repos/{repo}/blame")
    public String blame(@PathVariable String repo, @RequestParam String ref, @RequestParam String path)
            throws IOException, InterruptedException {
        if (!REF.matcher(ref).matches() || ref.contains("..")
                || !FILE_PATH.matcher(path).matches() || path.contains("..")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "invalid ref or path");
        }
        Path dir = repositories.locate(repo);

        List<String> command = new ArrayList<>();
        command.add("git");
        command.add("-C");
        command.add(dir.toString());
        command.add("blame");
        command.add("--porcelain");
        command.add(ref);
        command.add("--");
        command.add(path);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no such ref or file");
        }
        return output;
    }
}
