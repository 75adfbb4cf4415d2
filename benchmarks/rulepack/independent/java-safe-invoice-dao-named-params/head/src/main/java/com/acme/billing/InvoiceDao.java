package com.acme.billing;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.BeanPropertyRowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class InvoiceDao {

    private static final Map<String, String> SORTS = Map.of(
            "date", "issued_at",
            "amount", "amount_cents",
            "customer", "customer_name");

    private final NamedParameterJdbcTemplate jdbc;

    public InvoiceDao(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Invoice> find(long accountId, String status, String sort) {
        String orderBy = SORTS.getOrDefault(sort, "issued_at");
        String sql = "SELECT id, customer_name, amount_cents, status, issued_at FROM invoices "
                + "WHERE account_id = :account AND status = :status ORDER BY " + orderBy + " DESC";
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("account", accountId)
                .addValue("status", status);
        return jdbc.query(sql, params, new BeanPropertyRowMapper<>(Invoice.class));
    }
}
