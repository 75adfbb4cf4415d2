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

}
