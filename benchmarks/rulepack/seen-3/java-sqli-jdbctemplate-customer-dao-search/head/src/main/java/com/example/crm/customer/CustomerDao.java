package com.example.crm.customer;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class CustomerDao {

    private static final RowMapper<Customer> ROW_MAPPER = (rs, rowNum) -> new Customer(
            rs.getLong("id"), rs.getString("name"), rs.getString("email"), rs.getString("city"));

    private final JdbcTemplate jdbcTemplate;

    public CustomerDao(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    public Optional<Customer> findById(long id) {
        return jdbcTemplate.query("SELECT id, name, email, city FROM customers WHERE id = ?", ROW_MAPPER, id)
                .stream().findFirst();
    }

    /** Backs the customer list screen: optional name and city filters, sortable columns. */
    public List<Customer> search(String name, String city, String sortColumn) {
        StringBuilder sql = new StringBuilder("SELECT id, name, email, city FROM customers WHERE 1=1");
        if (name != null && !name.isBlank()) {
            sql.append(" AND lower(name) LIKE '%").append(name.toLowerCase(Locale.ROOT)).append("%'");
        }
        if (city != null && !city.isBlank()) {
            sql.append(" AND city = '").append(city).append("'");
        }
        sql.append(" ORDER BY ").append(sortColumn == null ? "name" : sortColumn);
        return jdbcTemplate.query(sql.toString(), ROW_MAPPER);
    }
}
