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

class ArgvForms {
  @GetMapping("/show")
  String show(@RequestParam String ref) throws IOException {
    List<String> cmd = List.of("git", "show", "--end-of-options", ref);
    // ok: pr-review.java.command-injection
    new ProcessBuilder(cmd).start();
    List<String> ff = new ArrayList<>();
    ff.add("ffmpeg");
    ff.add("-i");
    // ok: pr-review.java.command-injection
    ff.add(ref);
    // ok: pr-review.java.command-injection
    new ProcessBuilder().command(ff).start();
    String[] ping = {"ping", "-c", "1", ref};
    // ok: pr-review.java.command-injection
    Runtime.getRuntime().exec(ping);
    // ruleid: pr-review.java.command-injection
    String[] shell = {"/bin/sh", "-c", "ping -c 1 " + ref};
    Runtime.getRuntime().exec(shell);
    List<String> bash = new ArrayList<>();
    bash.add("bash");
    bash.add("-c");
    // ruleid: pr-review.java.command-injection
    bash.add("nslookup " + ref);
    new ProcessBuilder(bash).start();
    // ruleid: pr-review.java.command-injection
    List<String> argv = Arrays.asList("/bin/bash", "-c", "host " + ref);
    new ProcessBuilder(argv).start();
    // ruleid: pr-review.java.command-injection
    new ProcessBuilder(ref, "--version").start();
    // ruleid: pr-review.java.command-injection
    java.lang.Runtime.getRuntime().exec("git log " + ref);
    return "";
  }

  private static final String BACKUP_DIR = "/var/backups";

  // shell text interpolated from a parameter: the caller may be in another class
  Process archive(String tenant) throws IOException {
    // ruleid: pr-review.java.command-injection
    return new ProcessBuilder("/bin/bash", "-c", "tar czf " + BACKUP_DIR + "/" + tenant + ".tgz /srv/" + tenant).start();
  }

  Process usage(String dir) throws IOException {
    // ruleid: pr-review.java.command-injection
    return Runtime.getRuntime().exec(new String[]{"sh", "-c", String.format("du -sh %s | sort -h", dir)});
  }

  Process rotate(int keep) throws IOException {
    // ok: pr-review.java.command-injection
    new ProcessBuilder("sh", "-c", "ls -t " + BACKUP_DIR + " | tail -n +" + keep + " | xargs rm -f").start();
    // ok: pr-review.java.command-injection
    return new ProcessBuilder("sh", "-c", "tar czf \"$1\" /srv/data", "archive", BACKUP_DIR + "/data.tgz").start();
  }

  Process ping(String host) throws IOException {
    // ok: pr-review.java.command-injection
    return new ProcessBuilder("ping", "-c", "1", host).start();
  }

  private static final java.util.regex.Pattern TENANT = java.util.regex.Pattern.compile("[a-z0-9-]{1,32}");

  Process checkedArchive(String tenant) throws IOException {
    if (!TENANT.matcher(tenant).matches()) {
      throw new IllegalArgumentException("bad tenant");
    }
    // ok: pr-review.java.command-injection
    return new ProcessBuilder("sh", "-c", "tar czf /var/backups/" + tenant + ".tgz /srv/" + tenant).start();
  }
}

