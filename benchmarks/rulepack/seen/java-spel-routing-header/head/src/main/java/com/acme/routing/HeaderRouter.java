package com.acme.routing;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

public class HeaderRouter {
    private final SpelExpressionParser parser = new SpelExpressionParser();

    public String route(HttpServletRequest request, Object message) {
        String routing = request.getHeader("x-routing-expression");
        Expression expr = parser.parseExpression(routing);
        return (String) expr.getValue(new StandardEvaluationContext(message));
    }
}
