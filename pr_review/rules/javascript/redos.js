const express = require("express");
const router = express.Router();

const EMAIL_RE = /^([a-zA-Z0-9_\-\.]+)*@example\.com$/;
const SLUG_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

router.get("/profile", (req, res) => {
  // ruleid: pr-review.javascript.redos
  if (!/^(\w+\s?)*$/.test(req.query.name)) return res.sendStatus(400);
  // ruleid: pr-review.javascript.redos
  const parts = req.query.tags.split(/(\s*\w+)+,/);
  res.json(parts);
});

router.post("/invite", (req, res) => {
  const email = String(req.body.email || "");
  // ruleid: pr-review.javascript.redos
  if (!EMAIL_RE.test(email)) return res.sendStatus(400);
  // ok: pr-review.javascript.redos
  if (!EMAIL_RE.test(email.slice(0, 254))) return res.sendStatus(400);
  // ok: pr-review.javascript.redos
  if (!SLUG_RE.test(req.body.slug)) return res.sendStatus(400);
  // ok: pr-review.javascript.redos
  const clean = req.body.slug.replace(/\s+/g, "-");
  res.json({ clean });
});

module.exports = router;

const SIGNUP_EMAIL = /^([a-zA-Z0-9]+\.?)+@([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/;

function validateSignup(body) {
  const errors = [];
  // ruleid: pr-review.javascript.redos
  if (!body.email || !SIGNUP_EMAIL.test(body.email)) errors.push("email");
  // ok: pr-review.javascript.redos
  if (!SIGNUP_EMAIL.test("constant@example.com")) errors.push("never");
  // ok: pr-review.javascript.redos
  if (!SIGNUP_EMAIL.test(body.email.slice(0, 254))) errors.push("email");
  // ok: pr-review.javascript.redos
  if (!SLUG_RE.test(body.slug)) errors.push("slug");
  return errors;
}
