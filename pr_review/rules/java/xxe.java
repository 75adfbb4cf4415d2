public class Example {

  public Document parse(InputStream in) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    // ruleid: pr-review.java.xxe
    DocumentBuilder db = dbf.newDocumentBuilder();
    return db.parse(in);
  }

  public Document parseSafe(InputStream in) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    // ok: pr-review.java.xxe
    DocumentBuilder db = dbf.newDocumentBuilder();
    return db.parse(in);
  }

  public void stax(InputStream in) throws Exception {
    XMLInputFactory xif = XMLInputFactory.newInstance();
    // ruleid: pr-review.java.xxe
    XMLStreamReader r = xif.createXMLStreamReader(in);
  }

  public Document inline(InputStream in) throws Exception {
    // ruleid: pr-review.java.xxe
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
  }

  public Document fqn(InputStream in) throws Exception {
    javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
    // ruleid: pr-review.java.xxe
    return f.newDocumentBuilder().parse(in);
  }

  public org.dom4j.Document dom4j(InputStream in) throws Exception {
    SAXReader reader = new SAXReader();
    // ruleid: pr-review.java.xxe
    return reader.read(in);
  }

  public org.dom4j.Document dom4jSafe(InputStream in) throws Exception {
    SAXReader reader = new SAXReader();
    reader.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    // ok: pr-review.java.xxe
    return reader.read(in);
  }
}

