package com.example.inventory;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Repository
class StockDao {
    private final JdbcTemplate jdbc;

    StockDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    int[] adjust(String warehouse, Map<String, Integer> deltas) {
        String[] statements = deltas.entrySet().stream()
                .map(e -> "UPDATE stock SET quantity = quantity + " + e.getValue()
                        + " WHERE sku = '" + e.getKey() + "' AND warehouse = '" + warehouse + "'")
                .toArray(String[]::new);
        return jdbc.batchUpdate(statements);
    }
}

@RestController
public class StockController {
    private final StockDao dao;

    public StockController(StockDao dao) {
        this.dao = dao;
    }

    @PostMapping("/stock/adjust")
    public List<Integer> adjust(@RequestParam String warehouse, @RequestBody Map<String, Integer> deltas) {
        return java.util.Arrays.stream(dao.adjust(warehouse, deltas)).boxed().toList();
    }
}
