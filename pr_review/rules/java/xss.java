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
