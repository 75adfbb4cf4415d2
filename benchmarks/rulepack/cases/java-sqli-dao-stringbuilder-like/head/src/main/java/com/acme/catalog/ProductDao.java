package com.acme.catalog;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class ProductDao {
    private static final RowMapper<Product> MAPPER =
            (rs, n) -> new Product(rs.getLong("id"), rs.getString("name"), rs.getLong("price_cents"));

    private final JdbcTemplate jdbc;

    public ProductDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Product> search(String term, boolean inStockOnly) {
        StringBuilder sql = new StringBuilder("SELECT id, name, price_cents FROM products WHERE 1=1");
        if (term != null && !term.isBlank()) {
            sql.append(" AND lower(name) LIKE '%").append(term.toLowerCase()).append("%'");
        }
        if (inStockOnly) {
            sql.append(" AND stock > 0");
        }
        return jdbc.query(sql.toString(), MAPPER);
    }
}
