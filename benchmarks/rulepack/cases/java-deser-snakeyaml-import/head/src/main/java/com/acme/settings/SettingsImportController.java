package com.acme.settings;

import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.yaml.snakeyaml.Yaml;

@RestController
public class SettingsImportController {
    private final SettingsService settings;

    public SettingsImportController(SettingsService settings) {
        this.settings = settings;
    }

    @PostMapping(value = "/settings/import", consumes = "application/yaml")
    public ResponseEntity<Void> importSettings(@RequestBody String yamlText) {
        Yaml yaml = new Yaml();
        Map<String, Object> values = yaml.load(yamlText);
        settings.apply(values);
        return ResponseEntity.noContent().build();
    }
}
