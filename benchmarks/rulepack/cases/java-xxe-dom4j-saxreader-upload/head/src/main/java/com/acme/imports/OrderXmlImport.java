package com.acme.imports;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.dom4j.Document;
import org.dom4j.Element;
import org.dom4j.io.SAXReader;
import org.springframework.stereotype.Component;

@Component
public class OrderXmlImport {

    public List<String> orderIds(InputStream upload) throws Exception {
        SAXReader reader = new SAXReader();
        Document doc = reader.read(upload);
        List<String> ids = new ArrayList<>();
        for (Element order : doc.getRootElement().elements("order")) {
            ids.add(order.attributeValue("id"));
        }
        return ids;
    }
}
