package com.acme.dao;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.rowset.SqlRowSet;

public class AuditDao {
    private final JdbcTemplate jdbc;

    public AuditDao(JdbcTemplate jdbc) { this.jdbc = jdbc; }

    public SqlRowSet byActor(String actor) {
        return jdbc.queryForRowSet("SELECT at, action FROM audit WHERE actor = '" + actor + "'");
    }
}
