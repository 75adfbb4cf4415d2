package com.example.ap.invoices;

import java.io.IOException;
import java.io.InputStream;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/** Suppliers upload UBL invoices as XML files. */
@RestController
public class InvoiceImportController {

    private final UblInvoiceMapper mapper;
    private final InvoiceService invoices;

    public InvoiceImportController(UblInvoiceMapper mapper, InvoiceService invoices) {
        this.mapper = mapper;
        this.invoices = invoices;
    }

    @PostMapping(path = "/api/invoices/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public InvoiceSummary importInvoice(@RequestParam("file") MultipartFile file) throws IOException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (InputStream in = file.getInputStream()) {
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document document = builder.parse(in);
            return invoices.register(mapper.fromUbl(document));
        } catch (ParserConfigurationException | SAXException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "not a valid UBL invoice", e);
        }
    }
}
