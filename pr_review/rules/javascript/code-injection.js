const express = require("express");
const app = express();

const vm = require("vm");

app.post("/calc", (req, res) => {
  const expr = req.body.expression;
  // ruleid: pr-review.javascript.code-injection
  const result = eval(expr);
  // ok: pr-review.javascript.code-injection
  const data = JSON.parse(expr);
  res.json({ result });
});

app.post("/rule", (req, res) => {
  const body = req.body.rule;
  // ruleid: pr-review.javascript.code-injection
  const fn = new Function("ctx", "return " + body);
  // ruleid: pr-review.javascript.code-injection
  vm.runInNewContext(body, {});
  // ok: pr-review.javascript.code-injection
  setTimeout(() => console.log(body), 10);
  res.end();
});
