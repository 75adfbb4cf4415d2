package com.example.catalog;

import java.io.IOException;

import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.namespace.QName;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;

public class CatalogServlet extends HttpServlet {
    private static final QName SKU = new QName("sku");
    private final Document catalog;

    public CatalogServlet(Document catalog) {
        this.catalog = catalog;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sku = req.getParameter("sku");
        XPath xpath = XPathFactory.newInstance().newXPath();
        xpath.setXPathVariableResolver(name -> SKU.equals(name) ? sku : null);
        try {
            String price = xpath.evaluate("/catalog/item[@sku=$sku]/price/text()", catalog);
            resp.setContentType("text/plain");
            resp.getWriter().print(price);
        } catch (XPathExpressionException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }
}
