package com.acme.auth;

import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Node;

public class XmlUserStore {

    private final Document users;
    private final XPath xpath = XPathFactory.newInstance().newXPath();

    public XmlUserStore(Document users) {
        this.users = users;
    }

    public boolean authenticate(String username, String passwordHash) throws XPathExpressionException {
        String expr = "/users/user[name/text()='" + username + "' and hash/text()='" + passwordHash + "']";
        Node match = (Node) xpath.evaluate(expr, users, XPathConstants.NODE);
        return match != null;
    }
}
