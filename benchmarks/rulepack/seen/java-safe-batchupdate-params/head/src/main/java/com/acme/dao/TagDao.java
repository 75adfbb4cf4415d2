package com.acme.dao;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class TagDao {
    private final JdbcTemplate jdbcTemplate;

    public TagDao(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    public void removeTags(long postId, List<String> tags) {
        List<Object[]> args = tags.stream().map(t -> new Object[] {postId, t}).collect(Collectors.toList());
        jdbcTemplate.batchUpdate("DELETE FROM post_tags WHERE post_id = ? AND tag = ?", args);
    }
}
