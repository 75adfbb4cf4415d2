package com.acme.feeds;

import javax.xml.parsers.DocumentBuilderFactory;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import java.io.StringReader;

@RestController
public class FeedController {
    @PostMapping(value = "/feeds/preview", consumes = "application/xml")
    public String preview(@RequestBody String xml) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(xml)));
        return doc.getElementsByTagName("title").item(0).getTextContent();
    }
}
