package com.example.portal.activity;

import java.security.Principal;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
public class ActivityController {

    private static final int MAX_EVENTS = 5_000;

    private final ActivityRepository activity;

    public ActivityController(ActivityRepository activity) {
        this.activity = activity;
    }

    /** Power users filter their own activity feed with a regular expression. */
    @GetMapping("/api/me/activity")
    public List<ActivityEvent> list(Principal principal,
                                    @RequestParam(name = "match", required = false) String match) {
        List<ActivityEvent> events = activity.latestForUser(principal.getName(), MAX_EVENTS);
        if (match == null || match.isEmpty()) {
            return events;
        }
        Pattern filter;
        try {
            filter = Pattern.compile(match, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "invalid pattern");
        }
        return events.stream()
                .filter(event -> filter.matcher(event.description()).find())
                .toList();
    }
}
