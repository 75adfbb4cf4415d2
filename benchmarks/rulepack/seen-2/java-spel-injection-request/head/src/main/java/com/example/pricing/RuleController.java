package com.example.pricing;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RuleController {
    private final ExpressionParser parser = new SpelExpressionParser();

    public record RuleTest(String rule, BigDecimal subtotal, int items) {}

    @PostMapping("/pricing/rules/test")
    public Map<String, Object> test(@RequestBody RuleTest body) {
        StandardEvaluationContext ctx = new StandardEvaluationContext();
        ctx.setVariable("subtotal", body.subtotal());
        ctx.setVariable("items", body.items());
        Expression expression = parser.parseExpression(body.rule());
        Object result = expression.getValue(ctx);
        return Map.of("rule", body.rule(), "result", String.valueOf(result));
    }
}
