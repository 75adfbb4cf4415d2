package com.acme.tickets;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;


@RestController
@RequestMapping("/api/tickets")
public class TicketController {
    private final JdbcTemplate jdbcTemplate;

    public TicketController(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping
    public List<Map<String, Object>> byStatus(@RequestParam("status") String status) {
        String sql = "SELECT id, subject, status FROM tickets WHERE status = ? ORDER BY created_at";
        return jdbcTemplate.queryForList(sql, status);
    }
}
