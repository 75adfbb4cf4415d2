package com.acme.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RepoController {
    private static final java.io.File REPO = new java.io.File("/srv/repos/site.git");

    @GetMapping("/repo/show")
    public String show(@RequestParam("ref") String ref) throws IOException, InterruptedException {
        List<String> command = List.of("git", "--git-dir", REPO.getPath(), "show", "--stat", "--end-of-options", ref);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        process.waitFor();
        return new String(out, StandardCharsets.UTF_8);
    }
}
