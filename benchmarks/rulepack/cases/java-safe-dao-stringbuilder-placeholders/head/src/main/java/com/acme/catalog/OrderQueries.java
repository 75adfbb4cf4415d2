package com.acme.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class OrderQueries {
    private static final Map<String, String> ORDERABLE = Map.of(
            "date", "o.created_at",
            "total", "o.total_cents",
            "customer", "c.name");

    private final JdbcTemplate jdbc;

    public OrderQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Map<String, Object>> find(String customer, LocalDate since, String sort) {
        StringBuilder sql = new StringBuilder(
                "SELECT o.id, o.total_cents, c.name FROM orders o JOIN customers c ON c.id = o.customer_id WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (customer != null) {
            sql.append(" AND c.name = ?");
            args.add(customer);
        }
        if (since != null) {
            sql.append(" AND o.created_at >= ?");
            args.add(since);
        }
        sql.append(" ORDER BY ").append(ORDERABLE.getOrDefault(sort, "o.created_at"));
        return jdbc.queryForList(sql.toString(), args.toArray());
    }
}
