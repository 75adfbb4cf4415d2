public class Example {

  public String user(String token) {
    // ruleid: pr-review.java.jwt-unverified-decode
    DecodedJWT jwt = JWT.decode(token);
    return jwt.getSubject();
  }

  public String userVerified(String token) {
    // ok: pr-review.java.jwt-unverified-decode
    DecodedJWT jwt = JWT.require(Algorithm.RSA256(publicKey, null)).build().verify(token);
    // ok: pr-review.java.jwt-unverified-decode
    Claims c = Jwts.parserBuilder().setSigningKey(key).build().parseClaimsJws(token).getBody();
    return jwt.getSubject();
  }

}
