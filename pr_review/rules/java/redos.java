package com.example.web;

import java.util.List;
import java.util.regex.Pattern;
import javax.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.*;

@RestController
public class SearchController {
    private static final Pattern USERNAME = Pattern.compile("^([a-zA-Z0-9]+\\s?)*$");
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    @GetMapping("/filter")
    public List<String> filter(@RequestParam String pattern, List<String> names) {
        // ruleid: pr-review.java.redos
        Pattern p = Pattern.compile(pattern);
        // ok: pr-review.java.redos
        Pattern q = Pattern.compile(Pattern.quote(pattern), Pattern.CASE_INSENSITIVE);
        return names;
    }

    @PostMapping("/users")
    public String create(@RequestParam String username, HttpServletRequest request) {
        // ruleid: pr-review.java.redos
        if (!USERNAME.matcher(username).matches()) return "bad";
        // ruleid: pr-review.java.redos
        if (!Pattern.matches("^(\\w+\\s?)*$", request.getParameter("display"))) return "bad";
        // ok: pr-review.java.redos
        if (!USERNAME.matcher(username.substring(0, Math.min(64, username.length()))).matches()) return "bad";
        // ok: pr-review.java.redos
        if (!SLUG.matcher(username).matches()) return "bad";
        return "ok";
    }
}

class LiteralSearch {
    @GetMapping("/grep")
    public boolean grep(@RequestParam String q, String line) {
        // ok: pr-review.java.redos
        return Pattern.compile(q, Pattern.LITERAL | Pattern.CASE_INSENSITIVE).matcher(line).find();
    }
}
