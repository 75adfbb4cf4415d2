package com.acme.legacy;

import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

public class XmlUserStore {
    private final Document users;

    public XmlUserStore(Document users) {
        this.users = users;
    }

    public boolean exists(String name) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setXPathVariableResolver(v -> v.equals(new QName("name")) ? name : null);
        Node node = (Node) xpath.evaluate("/users/user[name=$name]", users, XPathConstants.NODE);
        return node != null;
    }
}
