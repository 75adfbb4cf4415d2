public class Example {

  @PostMapping("/ping")
  public String ping(@RequestParam String host) throws IOException {
    // ruleid: pr-review.java.command-injection
    Process p = Runtime.getRuntime().exec("ping -c 1 " + host);
    // ruleid: pr-review.java.command-injection
    new ProcessBuilder("sh", "-c", "nslookup " + host).start();
    // ok: pr-review.java.command-injection
    new ProcessBuilder("ping", "-c", "1", host).start();
    return "ok";
  }

  public void backup(String dir) throws IOException {
    // ok: pr-review.java.command-injection
    Runtime.getRuntime().exec("tar czf /tmp/b.tgz " + dir);
  }


  protected void argvList(HttpServletRequest req) throws Exception {
    String url = req.getParameter("repo");
    // ok: pr-review.java.command-injection
    new ProcessBuilder(List.of("git", "clone", "--", url)).start();
    // ok: pr-review.java.command-injection
    new ProcessBuilder(Arrays.asList("git", "clone", "--", url)).start();
    // ruleid: pr-review.java.command-injection
    new ProcessBuilder(List.of("sh", "-c", "git clone " + url)).start();
    String[] env = {"PATH=/usr/bin"};
    // ruleid: pr-review.java.command-injection
    Runtime.getRuntime().exec("convert -resize " + req.getParameter("size"), env);
  }
}
