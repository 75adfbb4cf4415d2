package com.example.crm.customer;

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
}
