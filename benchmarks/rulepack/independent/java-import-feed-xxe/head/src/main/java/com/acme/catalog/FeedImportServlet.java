package com.acme.catalog;

import java.io.IOException;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

@WebServlet("/catalog/import")
public class FeedImportServlet extends HttpServlet {

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        try {
            DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
            dbf.setNamespaceAware(true);
            DocumentBuilder builder = dbf.newDocumentBuilder();
            Document doc = builder.parse(req.getInputStream());
            NodeList items = doc.getElementsByTagName("item");
            resp.setContentType("application/json");
            resp.getWriter().write("{\"imported\":" + items.getLength() + "}");
        } catch (ParserConfigurationException | SAXException e) {
            resp.sendError(HttpServletResponse.SC_BAD_REQUEST, "invalid feed");
        }
    }
}
