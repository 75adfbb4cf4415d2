package com.acme.reports;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

@Repository
public class ReportDao {

    private static final RowMapper<SalesRow> ROW = (rs, i) ->
            new SalesRow(rs.getString("region"), rs.getLong("units"), rs.getBigDecimal("revenue"));

    private final JdbcTemplate jdbc;

    public ReportDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<SalesRow> salesByRegion(String region, LocalDate from, String sortColumn) {
        StringBuilder sql = new StringBuilder("SELECT region, SUM(units) AS units, SUM(revenue) AS revenue FROM sales");
        sql.append(" WHERE sold_on >= '").append(from).append("'");
        if (region != null && !region.isBlank()) {
            sql.append(" AND region = '").append(region).append("'");
        }
        sql.append(" GROUP BY region ORDER BY ").append(sortColumn);
        return jdbc.query(sql.toString(), ROW);
    }
}
