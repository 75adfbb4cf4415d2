public class Example {

  private static final Set<String> ALLOWED = Set.of("images.example.com");

  @PostMapping("/webhook/test")
  public String test(@RequestBody WebhookRequest body, @RequestParam String url) {
    // ruleid: pr-review.java.ssrf
    return restTemplate.getForObject(url, String.class);
  }

  @GetMapping("/fetch")
  public String fetch(@RequestParam String url) throws IOException {
    URL u = new URL(url);
    if (!ALLOWED.contains(u.getHost())) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN);
    }
    // ok: pr-review.java.ssrf
    return new String(u.openStream().readAllBytes());
  }

  @GetMapping("/gh/{user}")
  public String gh(@PathVariable String user) {
    // ok: pr-review.java.ssrf
    return restTemplate.getForObject("https://api.github.com/users/" + user, String.class);
  }

}
