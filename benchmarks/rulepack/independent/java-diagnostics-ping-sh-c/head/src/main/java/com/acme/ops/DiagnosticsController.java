package com.acme.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/admin/diagnostics")
public class DiagnosticsController {

    @GetMapping("/ping")
    public ResponseEntity<String> ping(@RequestParam String host, @RequestParam(defaultValue = "3") int count)
            throws IOException, InterruptedException {
        String[] cmd = {"/bin/sh", "-c", "ping -c " + count + " " + host + " 2>&1"};
        Process p = Runtime.getRuntime().exec(cmd);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return ResponseEntity.ok(out);
    }
}
