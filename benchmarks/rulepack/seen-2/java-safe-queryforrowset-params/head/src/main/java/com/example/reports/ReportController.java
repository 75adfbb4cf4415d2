package com.example.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.rowset.SqlRowSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ReportController {
    private static final String SALES_SQL =
            "SELECT month, SUM(amount) AS total FROM sales WHERE region = ? AND year = ? GROUP BY month ORDER BY month";
    private final JdbcTemplate jdbcTemplate;

    public ReportController(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping("/reports/sales")
    public List<Map<String, Object>> sales(@RequestParam String region, @RequestParam(defaultValue = "2024") int year) {
        SqlRowSet rs = jdbcTemplate.queryForRowSet(SALES_SQL, region, year);
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("month", rs.getInt("month"));
            row.put("total", rs.getBigDecimal("total"));
            out.add(row);
        }
        return out;
    }
}
