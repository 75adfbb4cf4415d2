package com.acme.imports;

import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

public final class InvoiceParser {
    private static final DocumentBuilderFactory FACTORY = hardened();

    private static DocumentBuilderFactory hardened() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return f;
    }

    public Document parse(InputStream in) throws Exception {
        DocumentBuilder builder = FACTORY.newDocumentBuilder();
        return builder.parse(in);
    }
}
