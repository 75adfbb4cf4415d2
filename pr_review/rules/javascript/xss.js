const express = require("express");
const app = express();

const escapeHtml = require("escape-html");

app.get("/hello", (req, res) => {
  const name = req.query.name;
  // ruleid: pr-review.javascript.xss
  res.send(`<h1>Hello ${name}</h1>`);
});

app.get("/hello2", (req, res) => {
  const name = req.query.name;
  // ok: pr-review.javascript.xss
  res.send(`<h1>Hello ${escapeHtml(name)}</h1>`);
  // ok: pr-review.javascript.xss
  res.send({ greeting: name });
});

function showSearch() {
  const q = new URLSearchParams(window.location.search).get("q");
  // ruleid: pr-review.javascript.xss
  document.getElementById("results").innerHTML = "Results for " + q;
  // ok: pr-review.javascript.xss
  document.getElementById("results").textContent = "Results for " + q;
}

app.get("/export/:name", async (req, res) => {
  const file = path.resolve("/srv/exports", String(req.params.name));
  // ok: pr-review.javascript.xss
  res.send(await fs.promises.readFile(file));
});

app.get("/mirror", async (req, res) => {
  const upstream = await fetch(new URL(String(req.query.path), "https://cdn.example.com"));
  // ok: pr-review.javascript.xss
  res.send(await upstream.text());
  // ruleid: pr-review.javascript.xss
  res.send(`<p>not found: ${req.query.path}</p>`);
});
