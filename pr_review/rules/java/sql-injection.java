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
