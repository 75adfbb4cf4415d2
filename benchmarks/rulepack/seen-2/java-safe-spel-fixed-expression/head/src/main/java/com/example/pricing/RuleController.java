package com.example.pricing;

import java.math.BigDecimal;
import java.util.Map;

import org.springframework.expression.EvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class RuleController {
    private static final Expression BULK_DISCOUNT =
            new SpelExpressionParser().parseExpression("#items >= 10 and #subtotal > 100");

    public record RuleTest(BigDecimal subtotal, int items) {}

    @PostMapping("/pricing/rules/bulk")
    public Map<String, Object> test(@RequestBody RuleTest body) {
        EvaluationContext ctx = SimpleEvaluationContext.forReadOnlyDataBinding().build();
        ctx.setVariable("subtotal", body.subtotal());
        ctx.setVariable("items", body.items());
        Boolean applies = BULK_DISCOUNT.getValue(ctx, Boolean.class);
        return Map.of("bulkDiscount", Boolean.TRUE.equals(applies));
    }
}
