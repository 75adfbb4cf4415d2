public class Example {

  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String name = req.getParameter("name");
    // ruleid: pr-review.java.xss
    resp.getWriter().write("<h1>Hello " + name + "</h1>");
    // ok: pr-review.java.xss
    resp.getWriter().write("<h1>Hello " + HtmlUtils.htmlEscape(name) + "</h1>");
    PrintWriter out = resp.getWriter();
    // ruleid: pr-review.java.xss
    out.println("<p>" + req.getParameter("q") + "</p>");
  }


  protected void printf(HttpServletRequest request, HttpServletResponse response) throws Exception {
    String name = request.getParameter("name");
    // ruleid: pr-review.java.xss
    response.getWriter().printf("<h1>Hello, %s</h1>", name);
    // ruleid: pr-review.java.xss
    response.getWriter().format("<p>%s</p>", name);
    // ok: pr-review.java.xss
    response.getWriter().printf("<h1>Hello, %s</h1>", org.springframework.web.util.HtmlUtils.htmlEscape(name));
    // ok: pr-review.java.xss
    response.getWriter().write("<b>" + org.owasp.encoder.Encode.forHtml(name) + "</b>");
  }
}

@RestController
class GreetingController {
    @GetMapping(path = "/greet", produces = MediaType.TEXT_HTML_VALUE)
    public String greet(@RequestParam String name) {
        if (name.isBlank()) {
            // ok: pr-review.java.xss
            return "<p>Hello, stranger</p>";
        }
        // ruleid: pr-review.java.xss
        return "<h1>Hello " + name + "</h1>";
    }

    @GetMapping(path = "/greet-escaped", produces = "text/html;charset=UTF-8")
    public String greetEscaped(@RequestParam String name) {
        // ok: pr-review.java.xss
        return "<h1>Hello " + HtmlUtils.htmlEscape(name) + "</h1>";
    }

    @GetMapping("/greet-json")
    public String greetJson(@RequestParam String name) {
        // ok: pr-review.java.xss
        return "Hello " + name;
    }

    @GetMapping("/badge")
    public ResponseEntity<String> badge(@RequestParam String label) {
        // ruleid: pr-review.java.xss
        return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).body("<span class=\"badge\">" + label + "</span>");
    }
}

