public class Example {

  public SSLContext trustAll() throws Exception {
    TrustManager[] tms = new TrustManager[] { new X509TrustManager() {
      public void checkClientTrusted(X509Certificate[] c, String a) {}
      // ruleid: pr-review.java.tls-verification-disabled
      public void checkServerTrusted(X509Certificate[] c, String a) {}
      public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }};
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tms, new SecureRandom());
    // ruleid: pr-review.java.tls-verification-disabled
    HttpsURLConnection.setDefaultHostnameVerifier((h, s) -> true);
    // ruleid: pr-review.java.tls-verification-disabled
    CloseableHttpClient c = HttpClients.custom().setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE).build();
    // ok: pr-review.java.tls-verification-disabled
    CloseableHttpClient c2 = HttpClients.custom().setSSLHostnameVerifier(new DefaultHostnameVerifier()).build();
    return ctx;
  }

}
