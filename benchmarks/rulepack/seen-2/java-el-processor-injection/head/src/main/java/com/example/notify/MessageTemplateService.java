package com.example.notify;

import java.util.Map;

import javax.el.ELProcessor;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class MessageTemplateService {

    public record Preview(String expression, Map<String, Object> order) {}

    private String evaluate(String expression, Map<String, Object> order) {
        ELProcessor el = new ELProcessor();
        el.defineBean("order", order);
        Object value = el.eval(expression);
        return String.valueOf(value);
    }

    @PostMapping("/notifications/templates/preview")
    public Map<String, String> preview(@RequestBody Preview body) {
        return Map.of("rendered", evaluate(body.expression(), body.order()));
    }
}
