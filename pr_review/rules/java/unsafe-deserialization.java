public class Example {

  @PostMapping("/import")
  public Object importData(HttpServletRequest req) throws Exception {
    ObjectInputStream in = new ObjectInputStream(req.getInputStream());
    // ruleid: pr-review.java.unsafe-deserialization
    return in.readObject();
  }

  public Object importFiltered(InputStream raw) throws Exception {
    ObjectInputStream in = new ObjectInputStream(raw);
    in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.dto.*;!*"));
    // ok: pr-review.java.unsafe-deserialization
    return in.readObject();
  }

  public Dto json(InputStream raw) throws Exception {
    // ok: pr-review.java.unsafe-deserialization
    return mapper.readValue(raw, Dto.class);
  }


  @PostMapping("/settings/import")
  public Object importYaml(@RequestBody String body) {
    // ruleid: pr-review.java.unsafe-deserialization
    return new Yaml().load(body);
  }

  public Map<String, Object> importYamlSafe(String body) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    // ok: pr-review.java.unsafe-deserialization
    return yaml.load(body);
  }

  public Object importYamlField(InputStream in) {
    Yaml yaml = new Yaml();
    // ruleid: pr-review.java.unsafe-deserialization
    return yaml.loadAs(in, Settings.class);
  }

  public ObjectMapper legacyMapper() {
    ObjectMapper mapper = new ObjectMapper();
    // ruleid: pr-review.java.unsafe-deserialization
    mapper.enableDefaultTyping();
    return mapper;
  }

  @PostMapping("/import/fqn")
  public Object importFqn(jakarta.servlet.http.HttpServletRequest req) throws Exception {
    // ruleid: pr-review.java.unsafe-deserialization
    return new java.io.ObjectInputStream(req.getInputStream()).readObject();
  }
}
