const express = require("express");
const escapeRegExp = require("lodash/escapeRegExp");

const app = express();

app.get("/tags", (req, res) => {
  const { filter = "" } = req.query;
  // ruleid: pr-review.javascript.regex-injection
  const matcher = new RegExp(filter, "i");
  // ruleid: pr-review.javascript.regex-injection
  const other = RegExp("^" + req.query.prefix);
  // ok: pr-review.javascript.regex-injection
  const safe = new RegExp(escapeRegExp(req.query.q), "i");
  // ok: pr-review.javascript.regex-injection
  const fixed = new RegExp("^[a-z]+$");
  res.json({ m: matcher.test("x"), o: other.test("y"), s: safe.test("z"), f: fixed.test(req.query.q) });
});

app.get("/filter", (req, res) => {
  const term = String(req.query.term || "");
  // ok: pr-review.javascript.regex-injection
  const re1 = new RegExp(term.replace(/[-[\]{}()*+?.,\\^$|#\s]/g, "\\$&"), "i");
  // ok: pr-review.javascript.regex-injection
  const re2 = new RegExp(RegExp.escape(term), "i");
  // ruleid: pr-review.javascript.regex-injection
  const re3 = new RegExp(term.replace(/\s+/g, " "), "i");
  res.json([re1.source, re2.source, re3.source]);
});
