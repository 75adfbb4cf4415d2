package com.acme.users;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;

@RestController
public class UserQueryController {
    private final JdbcTemplate jdbc;

    public UserQueryController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/users")
    public List<Map<String, Object>> list(@RequestParam Map<String, String> params) {
        String sort = params.getOrDefault("sort", "id");
        return jdbc.queryForList("SELECT id, email FROM users ORDER BY " + sort);
    }
}
