package com.acme.workflow;

import java.util.Map;

import groovy.lang.Binding;
import groovy.lang.GroovyShell;

import org.springframework.stereotype.Component;

/**
 * Decides whether a ticket may move to the next state. Project admins write the
 * conditions in the workflow editor, e.g. {@code ticket.priority == 'P1' && user.onCall}.
 */
@Component
public class TransitionGuard {

    private final WorkflowRepository workflows;

    public TransitionGuard(WorkflowRepository workflows) {
        this.workflows = workflows;
    }

    public boolean allows(long workflowId, String transition, Map<String, Object> context) {
        Workflow workflow = workflows.findById(workflowId).orElseThrow();
        String condition = workflow.conditionFor(transition);
        if (condition == null || condition.isBlank()) {
            return true;
        }
        return check(condition, context);
    }

    private boolean check(String condition, Map<String, Object> context) {
        GroovyShell shell = new GroovyShell(new Binding(context));
        Object result = shell.evaluate(condition);
        return Boolean.TRUE.equals(result);
    }
}
