package com.acme.legacy;

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

    public boolean check(String name, String password) throws Exception {
        XPath xpath = XPathFactory.newInstance().newXPath();
        String expr = "/users/user[name='" + name + "' and password='" + password + "']";
        Node node = (Node) xpath.evaluate(expr, users, XPathConstants.NODE);
        return node != null;
    }
}
