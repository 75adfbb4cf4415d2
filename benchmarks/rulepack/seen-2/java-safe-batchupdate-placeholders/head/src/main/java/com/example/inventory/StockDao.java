package com.example.inventory;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class StockDao {
    private static final String ADJUST_SQL =
            "UPDATE stock SET quantity = quantity + ? WHERE sku = ? AND warehouse = ?";

    private final JdbcTemplate jdbc;

    public StockDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public int[] adjust(String warehouse, Map<String, Integer> deltas) {
        List<Object[]> args = deltas.entrySet().stream()
                .map(e -> new Object[] {e.getValue(), e.getKey(), warehouse})
                .toList();
        return jdbc.batchUpdate(ADJUST_SQL, args);
    }
}
