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

function compileRule(expression) {
  // ruleid: pr-review.javascript.code-injection
  return new Function("order", `"use strict"; return (${expression});`);
}

const evaluate = (formula, scope) => {
  // ruleid: pr-review.javascript.code-injection
  return vm.runInNewContext(formula, scope, { timeout: 50 });
};

const GETTER = "return this.total;";

function builtins(data) {
  // ok: pr-review.javascript.code-injection
  const total = new Function(GETTER);
  // ok: pr-review.javascript.code-injection
  const global = Function("return this")();
  // ok: pr-review.javascript.code-injection
  const factory = new Function("return " + JSON.stringify(data));
  // ok: pr-review.javascript.code-injection
  vm.runInNewContext("price * qty", { price: data.price, qty: data.qty });
  return [total, global, factory];
}

function later(callback, delay) {
  // ok: pr-review.javascript.code-injection
  setTimeout(callback, delay);
}

function constantBody() {
  const body = "return 42;";
  // ok: pr-review.javascript.code-injection
  return new Function(body);
}

function inlineDefaults(defaults) {
  // ok: pr-review.javascript.code-injection
  return new Function(`return ${JSON.stringify(defaults)};`);
}

function mixed(defaults, op) {
  // ruleid: pr-review.javascript.code-injection
  return new Function(`return ${JSON.stringify(defaults)} ${op} 1;`);
}

function getter(field) {
  // ruleid: pr-review.javascript.code-injection
  return new Function("obj", "return obj." + field);
}
