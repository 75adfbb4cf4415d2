package com.acme.notify;

import java.util.Map;

import org.springframework.expression.Expression;
import org.springframework.expression.ParserContext;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.SimpleEvaluationContext;
import org.springframework.stereotype.Component;

/**
 * Renders e-mail subjects such as "Order #{orderId} shipped" that support staff
 * configure per template. Evaluation uses a read-only data-binding context, so a
 * template can read properties of the model but not call methods or types.
 */
@Component
public class SubjectRenderer {

    private final SpelExpressionParser parser = new SpelExpressionParser();
    private final SimpleEvaluationContext context = SimpleEvaluationContext.forReadOnlyDataBinding().build();

    public String render(String subjectTemplate, Map<String, Object> model) {
        if (subjectTemplate == null) {
            return "";
        }
        Expression expression = parse(subjectTemplate);
        return expression.getValue(context, model, String.class);
    }

    private Expression parse(String template) {
        return parser.parseExpression(template, ParserContext.TEMPLATE_EXPRESSION);
    }
}
