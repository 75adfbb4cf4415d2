public class Example {

  private final ExpressionParser parser = new SpelExpressionParser();

  @GetMapping("/calc")
  public Object calc(@RequestParam String expr) {
    // ruleid: pr-review.java.code-injection
    return parser.parseExpression(expr).getValue();
  }

  @GetMapping("/price")
  public Object price(@RequestParam String currency) {
    // ok: pr-review.java.code-injection
    return parser.parseExpression("amount * rate").getValue(new Ctx(currency));
  }

  @GetMapping("/script")
  public Object script(@RequestParam String code) throws Exception {
    javax.script.ScriptEngine engine = new javax.script.ScriptEngineManager().getEngineByName("js");
    // ok: pr-review.java.code-injection
    engine.eval("1 + 1");
    // ruleid: pr-review.java.code-injection
    return engine.eval(code);
  }

  @GetMapping("/fqn-spel")
  public Object fqnSpel(@RequestParam String expr) {
    // ruleid: pr-review.java.code-injection
    return new org.springframework.expression.spel.standard.SpelExpressionParser().parseExpression(expr).getValue();
  }

  // a formula typed in the report builder, evaluated in a helper
  private Object evaluate(ScriptEngine engine, String formula, Bindings bindings) throws Exception {
    // ruleid: pr-review.java.code-injection
    return engine.eval(formula, bindings);
  }

  private final GroovyShell shell = new GroovyShell();

  public Object rule(String condition, Map<String, Object> facts) {
    // ruleid: pr-review.java.code-injection
    return MVEL.eval(condition, facts);
  }

  public Object groovyRule(String script) {
    // ruleid: pr-review.java.code-injection
    return shell.evaluate(script);
  }

  private static final String DISCOUNT_SCRIPT = "price * (1 - rate)";

  // user values passed as bindings to a fixed script
  public Object discount(ScriptEngine engine, String customerTier, double price) throws Exception {
    Bindings b = engine.createBindings();
    b.put("price", price);
    b.put("rate", RATES.getOrDefault(customerTier, 0.0));
    // ok: pr-review.java.code-injection
    return engine.eval(DISCOUNT_SCRIPT, b);
  }

  // a script the application ships, read from the class path
  public void init(ScriptEngine engine, String resourceName) throws Exception {
    try (java.io.Reader reader = new java.io.InputStreamReader(getClass().getResourceAsStream("/scripts/" + BOOT))) {
      // ok: pr-review.java.code-injection
      engine.eval(reader);
    }
  }

  // SpEL text from a parameter is left to the model: frameworks evaluate annotation attributes this way
  public Object condition(String expression, Object root) {
    // ok: pr-review.java.code-injection
    return parser.parseExpression(expression).getValue(SimpleEvaluationContext.forReadOnlyDataBinding().build(), root);
  }
}
