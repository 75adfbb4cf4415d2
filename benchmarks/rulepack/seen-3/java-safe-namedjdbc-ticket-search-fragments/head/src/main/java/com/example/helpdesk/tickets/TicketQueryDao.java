package com.example.helpdesk.tickets;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class TicketQueryDao {

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "opened", "t.opened_at",
            "priority", "t.priority",
            "status", "t.status");

    private final NamedParameterJdbcTemplate jdbc;

    public TicketQueryDao(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<TicketRow> search(TicketSearch search) {
        StringBuilder sql = new StringBuilder(
                "SELECT t.id, t.subject, t.status, t.priority, t.opened_at FROM tickets t WHERE t.team_id = :teamId");
        MapSqlParameterSource params = new MapSqlParameterSource("teamId", search.teamId());
        if (search.status() != null) {
            sql.append(" AND t.status = :status");
            params.addValue("status", search.status());
        }
        if (search.text() != null && !search.text().isBlank()) {
            sql.append(" AND (t.subject ILIKE :text OR t.body ILIKE :text)");
            params.addValue("text", "%" + search.text().replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (search.openedAfter() != null) {
            sql.append(" AND t.opened_at >= :openedAfter");
            params.addValue("openedAfter", search.openedAfter().atStartOfDay());
        }
        sql.append(" ORDER BY ").append(SORT_COLUMNS.getOrDefault(search.sort(), "t.opened_at")).append(" DESC");
        return jdbc.query(sql.toString(), params, (rs, i) -> new TicketRow(
                rs.getLong("id"), rs.getString("subject"), rs.getString("status"),
                rs.getInt("priority"), rs.getObject("opened_at", LocalDateTime.class)));
    }
}
