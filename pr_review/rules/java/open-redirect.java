public class Example {

  @GetMapping("/login/success")
  public String loginSuccess(@RequestParam(name = "next", defaultValue = "/") String next) {
    // ruleid: pr-review.java.open-redirect
    return "redirect:" + next;
  }

  @GetMapping("/login/success2")
  public String loginSuccess2(@RequestParam(name = "next", defaultValue = "/") String next) {
    if (!next.startsWith("/") || next.startsWith("//")) {
      return "redirect:/";
    }
    // ok: pr-review.java.open-redirect
    return "redirect:" + next;
  }

  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String target = req.getParameter("url");
    // ruleid: pr-review.java.open-redirect
    resp.sendRedirect(target);
    // ok: pr-review.java.open-redirect
    resp.sendRedirect("/home?from=" + URLEncoder.encode(target, "UTF-8"));
  }

}

class GuardedRedirects {
  static final java.util.Set<String> ALLOWED = java.util.Set.of("/home");
  static final java.util.Map<String, String> REDIRECT_TARGETS = java.util.Map.of("docs", "https://docs.example.com");

  @GetMapping("/g1")
  void g1(@RequestParam String next, HttpServletResponse resp) throws IOException {
    if (!isSafeRedirect(next)) { resp.sendRedirect("/"); return; }
    // ok: pr-review.java.open-redirect
    resp.sendRedirect(next);
  }

  @GetMapping("/g2")
  void g2(@RequestParam String next, HttpServletResponse resp) throws IOException {
    String target = ALLOWED.contains(next) ? next : "/";
    // ok: pr-review.java.open-redirect
    resp.sendRedirect(target);
  }

  @GetMapping("/g3")
  void g3(@RequestParam String next, HttpServletResponse resp) throws IOException {
    String target = (next.startsWith("/") && !next.startsWith("//")) ? next : "/home";
    // ok: pr-review.java.open-redirect
    resp.sendRedirect(target);
  }

  @GetMapping("/g4")
  void g4(@RequestParam String to, HttpServletResponse resp) throws IOException {
    // ok: pr-review.java.open-redirect
    resp.sendRedirect(REDIRECT_TARGETS.getOrDefault(to, "/"));
  }

  @GetMapping("/g5")
  void g5(@RequestParam String next, HttpServletResponse resp) throws IOException {
    String target = isValidEmail(next) ? next : "/";
    // ruleid: pr-review.java.open-redirect
    resp.sendRedirect(next);
  }

  static boolean isSafeRedirect(String s) { return s.startsWith("/") && !s.startsWith("//"); }
  static boolean isValidEmail(String s) { return s.contains("@"); }
}

class EntityRedirects {
  @GetMapping("/go")
  public org.springframework.http.ResponseEntity<Void> go(@RequestParam String next) {
    // ruleid: pr-review.java.open-redirect
    return org.springframework.http.ResponseEntity.status(302).location(java.net.URI.create(next)).build();
  }

  @GetMapping("/sso/return")
  public void ssoReturn(@RequestParam String next, HttpServletResponse resp) throws IOException {
    String host = UriComponentsBuilder.fromUriString(next).build().getHost();
    if (host != null && !TRUSTED_HOSTS.contains(host)) {
      resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
      return;
    }
    // ok: pr-review.java.open-redirect
    resp.sendRedirect(next);
  }

  @GetMapping("/done")
  public String done(@RequestParam(defaultValue = "/") String returnTo) {
    boolean local = returnTo.startsWith("/") && !returnTo.startsWith("//") && !returnTo.startsWith("/\\");
    // ok: pr-review.java.open-redirect
    return "redirect:" + (local ? returnTo : "/");
  }

  @GetMapping("/away")
  public String away(@RequestParam String to) {
    String host = URI.create(to).getHost();
    // ruleid: pr-review.java.open-redirect
    return "redirect:" + to;
  }

  @GetMapping("/continue")
  public String proceed(@RequestParam(required = false) String next) {
    boolean present = next != null;
    // ruleid: pr-review.java.open-redirect
    return "redirect:" + (present ? next : "/");
  }

  // HTTPS filter: the request's path and query on the configured host
  public void upgrade(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String query = request.getQueryString();
    // ok: pr-review.java.open-redirect
    response.sendRedirect("https://" + canonicalHost + request.getRequestURI() + (query == null ? "" : "?" + query));
    // ok: pr-review.java.open-redirect
    response.sendRedirect("https://" + properties.getPublicHost() + request.getRequestURI());
    // ruleid: pr-review.java.open-redirect
    response.sendRedirect("https://" + request.getParameter("host") + request.getRequestURI());
    // ruleid: pr-review.java.open-redirect
    response.sendRedirect(request.getParameter("next") + "?" + query);
  }
}
