package com.example.catalog;

import java.io.IOException;
import java.io.InputStream;

import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;

public class CatalogServlet extends HttpServlet {
    private Document catalog;

    @Override
    public void init() throws ServletException {
        try (InputStream in = getServletContext().getResourceAsStream("/WEB-INF/catalog.xml")) {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            catalog = dbf.newDocumentBuilder().parse(in);
        } catch (Exception e) {
            throw new ServletException(e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sku = req.getParameter("sku");
        XPath xpath = XPathFactory.newInstance().newXPath();
        try {
            String price = xpath.evaluate("/catalog/item[@sku='" + sku + "']/price/text()", catalog);
            resp.setContentType("text/plain");
            resp.getWriter().print(price);
        } catch (javax.xml.xpath.XPathExpressionException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST);
        }
    }
}
