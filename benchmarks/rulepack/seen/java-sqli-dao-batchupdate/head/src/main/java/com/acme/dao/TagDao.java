package com.acme.dao;

import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class TagDao {
    private final JdbcTemplate jdbcTemplate;

    public TagDao(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    public void removeTags(long postId, List<String> tags) {
        String[] statements = tags.stream()
            .map(t -> "DELETE FROM post_tags WHERE post_id = " + postId + " AND tag = '" + t + "'")
            .toArray(String[]::new);
        jdbcTemplate.batchUpdate(statements);
    }
}
