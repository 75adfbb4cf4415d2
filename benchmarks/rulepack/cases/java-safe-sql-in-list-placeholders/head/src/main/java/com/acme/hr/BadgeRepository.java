package com.acme.hr;

import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class BadgeRepository {
    private final JdbcTemplate jdbc;

    public BadgeRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public int revoke(List<String> badgeIds, boolean permanent) {
        if (badgeIds.isEmpty()) {
            return 0;
        }
        String placeholders = String.join(", ", Collections.nCopies(badgeIds.size(), "?"));
        String table = permanent ? "badges" : "badge_suspensions";
        return jdbc.update("DELETE FROM " + table + " WHERE badge_id IN (" + placeholders + ")", badgeIds.toArray());
    }
}
