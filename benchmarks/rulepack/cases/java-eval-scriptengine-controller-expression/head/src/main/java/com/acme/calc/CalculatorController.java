package com.acme.calc;

import java.util.Map;

import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class CalculatorController {

    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("graal.js");

    public record CalcRequest(String expression) {}

    @PostMapping("/api/calc")
    public ResponseEntity<Map<String, Object>> calculate(@RequestBody CalcRequest body) {
        if (body.expression() == null || body.expression().length() > 200) {
            return ResponseEntity.badRequest().build();
        }
        try {
            Object value = engine.eval(body.expression());
            return ResponseEntity.ok(Map.of("value", value));
        } catch (ScriptException e) {
            return ResponseEntity.unprocessableEntity().body(Map.of("error", e.getMessage()));
        }
    }
}
