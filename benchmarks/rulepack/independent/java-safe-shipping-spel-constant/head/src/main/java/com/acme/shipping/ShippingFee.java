package com.acme.shipping;

import java.math.BigDecimal;

import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.stereotype.Component;

@Component
public class ShippingFee {

    private static final Expression FEE = new SpelExpressionParser()
            .parseExpression("#weight > 20 ? #base * 2 : #base");

    private final BigDecimal baseFee;

    public ShippingFee(ShippingProperties props) {
        this.baseFee = props.baseFee();
    }

    public BigDecimal quote(double weightKg) {
        SimpleEvaluationContext ctx = SimpleEvaluationContext.forReadOnlyDataBinding().build();
        ctx.setVariable("weight", weightKg);
        ctx.setVariable("base", baseFee);
        return FEE.getValue(ctx, BigDecimal.class);
    }
}
