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

}
