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
}
