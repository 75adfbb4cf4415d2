package com.example.imports;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

@RestController
public class ImportController {

    @PostMapping("/imports/contacts")
    public List<String> importContacts(@RequestParam("file") MultipartFile file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        try (InputStream in = file.getInputStream()) {
            Document doc = builder.parse(in);
            NodeList names = doc.getElementsByTagName("name");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < names.getLength(); i++) {
                out.add(names.item(i).getTextContent());
            }
            return out;
        }
    }
}
