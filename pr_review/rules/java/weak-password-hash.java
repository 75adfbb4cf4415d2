public class Example {

  public String hash(String password) throws Exception {
    MessageDigest md = MessageDigest.getInstance("MD5");
    // ruleid: pr-review.java.weak-password-hash
    byte[] d = md.digest(password.getBytes(StandardCharsets.UTF_8));
    // ruleid: pr-review.java.weak-password-hash
    String h = DigestUtils.sha256Hex(user.getPassword());
    // ok: pr-review.java.weak-password-hash
    String e = DigestUtils.md5Hex(fileBytes);
    // ok: pr-review.java.weak-password-hash
    String b = new BCryptPasswordEncoder().encode(password);
    return h;
  }

}
