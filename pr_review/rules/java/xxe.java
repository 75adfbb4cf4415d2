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

}
