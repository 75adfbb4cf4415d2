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

class ParsedFirst {
    private static final java.util.Set<String> ALLOWED_HOSTS = java.util.Set.of("api.partner.com");
    private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    @GetMapping("/fetch")
    public String fetch(@RequestParam String url) throws Exception {
        java.net.URI uri = java.net.URI.create(url);
        if (!"https".equals(uri.getScheme()) || !ALLOWED_HOSTS.contains(uri.getHost())) {
            throw new IllegalArgumentException("host not allowed");
        }
        // ok: pr-review.java.ssrf
        return http.send(java.net.http.HttpRequest.newBuilder(uri).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    @GetMapping("/fetch2")
    public String fetch2(@RequestParam String url) throws Exception {
        // ruleid: pr-review.java.ssrf
        return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    @GetMapping("/fetch3")
    public byte[] fetch3(@RequestParam String url) throws Exception {
        java.net.URL u = new java.net.URL(url);
        // ruleid: pr-review.java.ssrf
        return u.openStream().readAllBytes();
    }

  @GetMapping("/status")
  public String status(@RequestParam String host) throws IOException {
    OkHttpClient client = new OkHttpClient();
    // ruleid: pr-review.java.ssrf
    Request request = new Request.Builder().url("http://" + host + "/status").build();
    try (Response response = client.newCall(request).execute()) {
      return response.body().string();
    }
  }

  @GetMapping("/catalog")
  public String catalog(@RequestParam String path) {
    URI target = UriComponentsBuilder.fromHttpUrl("https://catalog.example.com").path("/v2/").path(path).build().toUri();
    // ok: pr-review.java.ssrf
    return restTemplate.getForObject(target, String.class);
  }

  @GetMapping("/mirror")
  public String mirror(@RequestParam String src) throws Exception {
    String host = new URL(src).getHost();
    if (!ALLOWED.contains(host)) {
      throw new IllegalArgumentException("host not allowed");
    }
    // ok: pr-review.java.ssrf
    return restTemplate.getForObject(src, String.class);
  }
}

