package com.acme.pricing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import javax.script.Bindings;
import javax.script.ScriptEngine;
import javax.script.ScriptEngineManager;
import javax.script.ScriptException;

import org.springframework.stereotype.Service;

/** The fee formula ships with the application; only the order's numbers vary. */
@Service
public class ShippingFeeCalculator {

    private final ScriptEngine engine = new ScriptEngineManager().getEngineByName("graal.js");
    private final String feeScript = loadScript();

    private static String loadScript() {
        try (InputStream in = ShippingFeeCalculator.class.getResourceAsStream("/pricing/shipping-fee.js")) {
            if (in == null) {
                throw new IllegalStateException("shipping-fee.js missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double fee(String countryCode, double weightKg, double subtotal) {
        Bindings bindings = engine.createBindings();
        bindings.put("country", countryCode);
        bindings.put("weight", weightKg);
        bindings.put("subtotal", subtotal);
        try {
            Object fee;
            fee = engine.eval(feeScript, bindings);
            return ((Number) fee).doubleValue();
        } catch (ScriptException e) {
            throw new IllegalStateException("shipping fee script failed", e);
        }
    }
}
