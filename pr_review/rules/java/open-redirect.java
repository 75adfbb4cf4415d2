public class Example {

  @GetMapping("/login/success")
  public String loginSuccess(@RequestParam(name = "next", defaultValue = "/") String next) {
    // ruleid: pr-review.java.open-redirect
    return "redirect:" + next;
  }

  @GetMapping("/login/success2")
  public String loginSuccess2(@RequestParam(name = "next", defaultValue = "/") String next) {
    if (!next.startsWith("/") || next.startsWith("//")) {
      return "redirect:/";
    }
    // ok: pr-review.java.open-redirect
    return "redirect:" + next;
  }

  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String target = req.getParameter("url");
    // ruleid: pr-review.java.open-redirect
    resp.sendRedirect(target);
    // ok: pr-review.java.open-redirect
    resp.sendRedirect("/home?from=" + URLEncoder.encode(target, "UTF-8"));
  }

}
