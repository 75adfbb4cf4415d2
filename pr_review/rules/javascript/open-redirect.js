const express = require("express");
const app = express();

app.post("/login", (req, res) => {
  const next = req.query.next || "/";
  // ruleid: pr-review.javascript.open-redirect
  res.redirect(next);
});

app.post("/login2", (req, res) => {
  let next = req.query.next || "/";
  if (!next.startsWith("/") || next.startsWith("//")) {
    next = "/";
  }
  // ok: pr-review.javascript.open-redirect
  res.redirect(next);
});

app.get("/p/:slug", (req, res) => {
  // ok: pr-review.javascript.open-redirect
  res.redirect(301, `/posts/${req.params.slug}`);
});

function afterLogin() {
  const to = new URLSearchParams(location.search).get("returnTo");
  // ruleid: pr-review.javascript.open-redirect
  window.location.href = to;
}
