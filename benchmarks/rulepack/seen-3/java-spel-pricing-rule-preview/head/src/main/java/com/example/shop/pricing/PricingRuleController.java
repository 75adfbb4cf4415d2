package com.example.shop.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.springframework.expression.Expression;
import org.springframework.expression.ExpressionParser;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets merchants try a discount rule such as {@code subtotal > 100 ? subtotal * 0.1 : 0}
 * against a sample cart before they save it.
 */
@RestController
@RequestMapping("/api/pricing-rules")
public class PricingRuleController {

    public record CartLine(String sku, int quantity, BigDecimal unitPrice) {}

    public record PreviewRequest(String rule, BigDecimal subtotal, List<CartLine> lines) {}

    public record PreviewResponse(BigDecimal discount, BigDecimal total) {}

    public record RuleInput(BigDecimal subtotal, List<CartLine> lines) {}

    private final ExpressionParser parser = new SpelExpressionParser();

    @PostMapping("/preview")
    public PreviewResponse preview(@RequestBody PreviewRequest request) {
        Expression rule = parser.parseExpression(request.rule());
        StandardEvaluationContext context = new StandardEvaluationContext(new RuleInput(request.subtotal(), request.lines()));
        BigDecimal discount = rule.getValue(context, BigDecimal.class);
        if (discount == null) {
            discount = BigDecimal.ZERO;
        }
        discount = discount.setScale(2, RoundingMode.HALF_UP);
        return new PreviewResponse(discount, request.subtotal().subtract(discount));
    }
}
