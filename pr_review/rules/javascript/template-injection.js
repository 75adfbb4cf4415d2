const express = require("express");
const app = express();

const ejs = require("ejs");
const pug = require("pug");

app.post("/preview", (req, res) => {
  const tpl = req.body.template;
  // ruleid: pr-review.javascript.template-injection
  res.send(ejs.render(tpl, { user: req.user }));
});

app.get("/greet", (req, res) => {
  // ok: pr-review.javascript.template-injection
  const html = ejs.render("<h1>Hello <%= name %></h1>", { name: req.query.name });
  // ruleid: pr-review.javascript.template-injection
  const fn = pug.compile("p Hello " + req.query.name);
  res.send(html);
});
