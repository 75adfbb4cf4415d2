package com.example.catalog.importer;

import java.io.InputStream;
import java.util.List;

import org.springframework.stereotype.Component;

@Component
public class FeedParser {

    public List<ProductRow> parse(InputStream feed) {
        throw new UnsupportedOperationException("XML feeds are not supported yet");
    }
}
