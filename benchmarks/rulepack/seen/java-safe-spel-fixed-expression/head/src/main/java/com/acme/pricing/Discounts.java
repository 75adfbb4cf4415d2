package com.acme.pricing;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;

public class Discounts {
    private static final Expression RULE = new SpelExpressionParser().parseExpression("total > 100 ? total * 0.9 : total");

    public Double apply(HttpServletRequest request, Cart cart) {
        String coupon = request.getParameter("coupon");
        cart.setCoupon(coupon);
        return RULE.getValue(SimpleEvaluationContext.forReadOnlyDataBinding().build(), cart, Double.class);
    }
}
