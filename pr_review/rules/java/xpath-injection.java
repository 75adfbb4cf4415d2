import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;

public class Users {
    private Document doc;

    public Object check(String name, String password) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        String expr = "/users/user[name='" + name + "' and password='" + password + "']";
        // ruleid: pr-review.java.xpath-injection
        return xpath.evaluate(expr, doc, XPathConstants.NODE);
    }

    public Object byName(String name) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        // ok: pr-review.java.xpath-injection
        return xpath.evaluate("/users/user[name=$name]", doc, XPathConstants.NODE);
    }

    public Object all() throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        // ok: pr-review.java.xpath-injection
        return xpath.compile("/users/user[" + USER_FILTER + "]");
    }

  @GetMapping("/fqn-xpath")
  public Object fqnXpath(@RequestParam String name, org.w3c.dom.Document doc) throws Exception {
    // ruleid: pr-review.java.xpath-injection
    return javax.xml.xpath.XPathFactory.newInstance().newXPath().evaluate("//user[@name='" + name + "']", doc);
  }
}
