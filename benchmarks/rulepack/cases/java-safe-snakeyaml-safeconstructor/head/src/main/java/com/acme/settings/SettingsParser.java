package com.acme.settings;

import java.util.Map;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

@Component
public class SettingsParser {
    public Map<String, Object> parse(String yamlText) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        return yaml.load(yamlText);
    }
}
