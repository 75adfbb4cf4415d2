package com.acme.pricing;

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
public class DiscountController {

    private final ExpressionParser parser = new SpelExpressionParser();

    public record PreviewRequest(String rule, BigDecimal subtotal, int items) {}

    @PostMapping("/api/discounts/preview")
    public Map<String, Object> preview(@RequestBody PreviewRequest req) {
        StandardEvaluationContext ctx = new StandardEvaluationContext();
        ctx.setVariable("subtotal", req.subtotal());
        ctx.setVariable("items", req.items());
        Expression expr = parser.parseExpression(req.rule());
        Object discount = expr.getValue(ctx);
        return Map.of("rule", req.rule(), "discount", discount);
    }
}
