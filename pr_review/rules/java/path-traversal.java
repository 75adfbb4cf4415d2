public class Example {

  @GetMapping("/files")
  public byte[] file(@RequestParam String name) throws IOException {
    // ruleid: pr-review.java.path-traversal
    return Files.readAllBytes(Paths.get("/srv/files", name));
  }

  @GetMapping("/files2")
  public byte[] file2(@RequestParam String name) throws IOException {
    Path base = Paths.get("/srv/files").toAbsolutePath().normalize();
    Path p = base.resolve(name).normalize();
    if (!p.startsWith(base)) {
      throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
    }
    // ok: pr-review.java.path-traversal
    return Files.readAllBytes(new File(p.toString()).toPath());
  }

  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws Exception {
    String f = req.getParameter("f");
    // ruleid: pr-review.java.path-traversal
    FileInputStream in = new FileInputStream("/var/reports/" + f);
    // ok: pr-review.java.path-traversal
    FileInputStream in2 = new FileInputStream("/var/reports/" + FilenameUtils.getName(f));
  }


  protected void fqn(HttpServletRequest req) throws Exception {
    String name = req.getParameter("report");
    // ruleid: pr-review.java.path-traversal
    java.io.File file = new java.io.File("/srv/reports", name);
    // ok: pr-review.java.path-traversal
    java.io.File safe = new java.io.File("/srv/reports", org.apache.commons.io.FilenameUtils.getName(name));
  }

  protected void fqnRequest(jakarta.servlet.http.HttpServletRequest req) throws Exception {
    // ruleid: pr-review.java.path-traversal
    java.io.File f = new java.io.File("/srv/reports", req.getParameter("name"));
  }

  @GetMapping("/exports/{file}")
  public ResponseEntity<Resource> export(@PathVariable String file) throws Exception {
    // ruleid: pr-review.java.path-traversal
    Resource body = new UrlResource(Paths.get("/var/exports").resolve(file).toUri());
    return ResponseEntity.ok(body);
  }

  @GetMapping("/exports2/{file}")
  public ResponseEntity<Resource> exportChecked(@PathVariable String file) throws Exception {
    Path root = Paths.get("/var/exports").toAbsolutePath().normalize();
    Path target = root.resolve(file).normalize();
    if (!target.startsWith(root)) {
      return ResponseEntity.badRequest().build();
    }
    // ok: pr-review.java.path-traversal
    return ResponseEntity.ok(new UrlResource(target.toUri()));
  }

  public void unzip(InputStream upload, File dest) throws IOException {
    try (ZipInputStream zis = new ZipInputStream(upload)) {
      ZipEntry entry;
      while ((entry = zis.getNextEntry()) != null) {
        // ruleid: pr-review.java.path-traversal
        File out = new File(dest, entry.getName());
        Files.copy(zis, out.toPath());
      }
    }
  }

  public void unzipChecked(InputStream upload, Path dest) throws IOException {
    try (ZipInputStream zis = new ZipInputStream(upload)) {
      ZipEntry entry;
      while ((entry = zis.getNextEntry()) != null) {
        Path out = dest.resolve(entry.getName()).normalize();
        if (!out.startsWith(dest)) {
          throw new IOException("entry outside the target directory: " + entry.getName());
        }
        // ok: pr-review.java.path-traversal
        Files.copy(zis, out);
      }
    }
  }
}

