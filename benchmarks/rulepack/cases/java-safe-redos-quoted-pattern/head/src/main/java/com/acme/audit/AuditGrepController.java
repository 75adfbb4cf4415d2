package com.acme.audit;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AuditGrepController {
    private final AuditLog auditLog;

    public AuditGrepController(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @GetMapping("/audit/grep")
    public List<String> grep(@RequestParam("q") String query) {
        Pattern matcher = Pattern.compile(Pattern.quote(query), Pattern.CASE_INSENSITIVE);
        return auditLog.lines().stream()
                .filter(line -> matcher.matcher(line).find())
                .limit(200)
                .collect(Collectors.toList());
    }
}
