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

function renderResults(term, products) {
  const items = products.map((p) => `<li>${p.name}</li>`).join("");
  return `<!doctype html><h1>Results for ${term}</h1><ul>${items}</ul>`;
}

function renderEscaped(term, products) {
  const items = products.map((p) => `<li>${escapeHtml(p.name)}</li>`).join("");
  return `<!doctype html><h1>Results for ${escapeHtml(term)}</h1><ul>${items}</ul>`;
}

router.get("/search", async (ctx) => {
  const term = ctx.query.q || "";
  ctx.type = "html";
  // ruleid: pr-review.javascript.xss
  ctx.body = renderResults(term, []);
});

router.get("/search2", async (ctx) => {
  const term = ctx.query.q || "";
  ctx.type = "html";
  // ok: pr-review.javascript.xss
  ctx.body = renderEscaped(term, []);
});

router.get("/echo", async (ctx) => {
  // ruleid: pr-review.javascript.xss
  ctx.body = `<p>You searched for ${ctx.query.q}</p>`;
  // ok: pr-review.javascript.xss
  ctx.body = { q: ctx.query.q };
});

router.get("/plain", async (ctx) => {
  // ok: pr-review.javascript.xss
  ctx.body = `You searched for ${ctx.query.q}`;
});

app.get("/item/:id", (req, res) => {
  // ruleid: pr-review.javascript.xss
  res.status(404).send(`<p>No item ${req.params.id}</p>`);
  // ok: pr-review.javascript.xss
  res.status(404).json({ missing: req.params.id });
  // ok: pr-review.javascript.xss
  res.status(404).send({ missing: req.params.id });
});

function Bio({ user }) {
  // ruleid: pr-review.javascript.xss
  return <div dangerouslySetInnerHTML={{ __html: user.bioHtml }} />;
}

function SafeBio({ user }) {
  // ok: pr-review.javascript.xss
  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(user.bioHtml) }} />;
}

const ICON = "<svg></svg>";
function Icon() {
  // ok: pr-review.javascript.xss
  return <span dangerouslySetInnerHTML={{ __html: ICON }} />;
}

function SafeBody({ article }) {
  const clean = useMemo(() => DOMPurify.sanitize(article.bodyHtml), [article.bodyHtml]);
  // ok: pr-review.javascript.xss
  return <section dangerouslySetInnerHTML={{ __html: clean }} />;
}
