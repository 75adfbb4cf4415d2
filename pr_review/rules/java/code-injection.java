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

}
