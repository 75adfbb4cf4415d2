public class Example {

  @GetMapping("/users")
  public List<User> users(@RequestParam String name) throws SQLException {
    String sql = "SELECT * FROM users WHERE name = '" + name + "'";
    Statement st = conn.createStatement();
    // ruleid: pr-review.java.sql-injection
    ResultSet rs = st.executeQuery(sql);
    PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE name = ?");
    ps.setString(1, name);
    // ok: pr-review.java.sql-injection
    ResultSet rs2 = ps.executeQuery();
    return map(rs);
  }

  @GetMapping("/orders/{id}")
  public Order order(@PathVariable("id") String id) {
    // ruleid: pr-review.java.sql-injection
    return em.createQuery("SELECT o FROM Order o WHERE o.id = " + id, Order.class).getSingleResult();
  }

  @GetMapping("/orders2/{id}")
  public Order order2(@PathVariable long id) {
    // ok: pr-review.java.sql-injection
    return jdbc.queryForObject("SELECT * FROM orders WHERE id = " + id, mapper);
  }

  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {
    String sort = req.getParameter("sort");
    // ruleid: pr-review.java.sql-injection
    jdbcTemplate.query("SELECT * FROM items ORDER BY " + sort, mapper);
    // ok: pr-review.java.sql-injection
    jdbcTemplate.query("SELECT * FROM items WHERE owner = ?", mapper, sort);
  }

  public void removeTags(long postId, List<String> tags) {
    String[] statements = tags.stream()
        .map(t -> "DELETE FROM post_tags WHERE post_id = " + postId + " AND tag = '" + t + "'")
        .toArray(String[]::new);
    // ruleid: pr-review.java.sql-injection
    jdbcTemplate.batchUpdate(statements);
  }

  public SqlRowSet byOwner(String owner) {
    // ruleid: pr-review.java.sql-injection
    return jdbcTemplate.queryForRowSet("SELECT id FROM items WHERE owner = '" + owner + "'");
  }

  public void removeTagsSafely(long postId, List<Object[]> args) {
    // ok: pr-review.java.sql-injection
    jdbcTemplate.batchUpdate("DELETE FROM post_tags WHERE post_id = ? AND tag = ?", args);
  }

  public int count() {
    // ok: pr-review.java.sql-injection
    return jdbcTemplate.queryForObject("SELECT count(*) FROM " + TABLE_NAME, Integer.class);
  }

  protected void digest(HttpServletRequest req) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    // ok: pr-review.java.sql-injection
    md.update(req.getParameter("password").getBytes());
  }
}

class ReportDao {
    private static final Map<String, String> SORT_COLUMNS = Map.of("name", "u.name", "created", "u.created_at");
    private static final Set<String> FILTERABLE = Set.of("status", "region");
    private final JdbcTemplate jdbc;

    ReportDao(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<Map<String, Object>> byName(String name, String status) {
        String sql = "SELECT id, name FROM users";
        sql += " WHERE name = '" + name + "'";
        // ruleid: pr-review.java.sql-injection
        return jdbc.queryForList(sql);
    }

    List<Map<String, Object>> search(String term) {
        StringBuilder sql = new StringBuilder("SELECT id, name FROM users WHERE 1=1");
        sql.append(" AND name LIKE '%").append(term).append("%'");
        // ruleid: pr-review.java.sql-injection
        return jdbc.queryForList(sql.toString());
    }

    List<Map<String, Object>> filtered(String name, String email) {
        StringBuilder sql = new StringBuilder("SELECT id, name FROM users WHERE 1=1");
        List<Object> args = new ArrayList<>();
        if (name != null) {
            sql.append(" AND name = ?");
            args.add(name);
        }
        if (email != null) {
            sql.append(" AND email = ?");
            args.add(email);
        }
        // ok: pr-review.java.sql-injection
        return jdbc.queryForList(sql.toString(), args.toArray());
    }

    List<Map<String, Object>> byIds(List<Long> ids) {
        String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
        // ok: pr-review.java.sql-injection
        return jdbc.queryForList("SELECT * FROM users WHERE id IN (" + marks + ")", ids.toArray());
    }

    List<Map<String, Object>> ordered(String sort, boolean ascending) {
        String column = SORT_COLUMNS.getOrDefault(sort, "u.id");
        // ok: pr-review.java.sql-injection
        return jdbc.queryForList("SELECT * FROM users u ORDER BY " + column + (ascending ? " ASC" : " DESC"));
    }

    List<Map<String, Object>> grouped(String field) {
        if (!FILTERABLE.contains(field)) {
            throw new IllegalArgumentException("cannot group by " + field);
        }
        // ok: pr-review.java.sql-injection
        return jdbc.queryForList("SELECT " + field + ", count(*) FROM orders GROUP BY " + field);
    }

    List<Object> jpql(EntityManager em, String name) {
        // ruleid: pr-review.java.sql-injection
        return em.createQuery("FROM User u WHERE u.name = '" + name + "'").getResultList();
    }

    List<Map<String, Object>> byParam(HttpServletRequest request) {
        String name = request.getParameterMap().get("name")[0];
        // ruleid: pr-review.java.sql-injection
        return jdbc.queryForList("SELECT * FROM users WHERE name = '" + name + "'");
    }
}

