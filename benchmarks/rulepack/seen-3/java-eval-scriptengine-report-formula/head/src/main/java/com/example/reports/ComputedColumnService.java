package com.example.reports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.script.Bindings;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

import org.springframework.stereotype.Service;

/**
 * Adds user-defined computed columns to a report, e.g. {@code revenue - cost} or
 * {@code Math.round(clicks / impressions * 100)}, written in the report builder UI.
 */
@Service
public class ComputedColumnService {

    private final ScriptEngineManager engines = new ScriptEngineManager();

    public List<Map<String, Object>> apply(List<Map<String, Object>> rows, List<ColumnDefinition> columns) {
        ScriptEngine engine = engines.getEngineByName("javascript");
        if (engine == null) {
            throw new IllegalStateException("no JavaScript engine on the class path");
        }
        List<Map<String, Object>> result = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            Map<String, Object> out = new LinkedHashMap<>(row);
            Bindings bindings = engine.createBindings();
            bindings.putAll(row);
            for (ColumnDefinition column : columns) {
                out.put(column.name(), evaluate(engine, column.formula(), bindings));
            }
            result.add(out);
        }
        return result;
    }

    private Object evaluate(ScriptEngine engine, String formula, Bindings bindings) {
        try {
            return engine.eval(formula, bindings);
        } catch (ScriptException e) {
            return "#ERROR";
        }
    }
}
