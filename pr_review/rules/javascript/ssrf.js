const express = require("express");
const app = express();

const axios = require("axios");
const ALLOWED = new Set(["images.example.com"]);

app.post("/webhooks/test", async (req, res) => {
  const target = req.body.url;
  // ruleid: pr-review.javascript.ssrf
  const r = await axios.post(target, { ping: true });
  res.json({ status: r.status });
});

app.get("/proxy", async (req, res) => {
  // ruleid: pr-review.javascript.ssrf
  const r = await fetch(req.query.u);
  res.send(await r.text());
});

app.get("/img", async (req, res) => {
  const u = new URL(req.query.src);
  if (!ALLOWED.has(u.hostname)) {
    return res.status(403).end();
  }
  // ok: pr-review.javascript.ssrf
  const r = await fetch(u.toString());
  res.send(await r.buffer());
});

app.get("/gh/:user", async (req, res) => {
  // ok: pr-review.javascript.ssrf
  const r = await axios.get(`https://api.github.com/users/${encodeURIComponent(req.params.user)}`);
  // ok: pr-review.javascript.ssrf
  const r2 = await axios.get(`https://api.github.com/users/${req.params.user}/repos`);
  res.json(r.data);
});

const api = axios.create({ timeout: 5000 });
app.get("/preview", async (req, res) => {
  // ruleid: pr-review.javascript.ssrf
  const r = await api.get(req.query.url);
  // ok: pr-review.javascript.ssrf
  const s = await api.get("https://api.example.com/preview", { params: { url: req.query.url } });
  res.json({ a: r.status, b: s.status });
});

const API_BASE = "https://api.example.com";
app.get("/items/:id", async (req, res) => {
  // ok: pr-review.javascript.ssrf
  const a = await fetch(`${API_BASE}/items/${req.params.id}`);
  // ok: pr-review.javascript.ssrf
  const b = await axios.get(process.env.CATALOG_URL + "/items/" + req.params.id);
  // ruleid: pr-review.javascript.ssrf
  const c = await fetch(`${req.query.base}/items/${req.params.id}`);
  // ruleid: pr-review.javascript.ssrf
  const d = await fetch(`${API_BASE}${req.query.path}`);
  res.json([a, b, c, d]);
});

export async function POST(req) {
  const { url } = await req.json();
  // ruleid: pr-review.javascript.ssrf
  const r = await fetch(url);
  return Response.json(await r.json());
}

export async function getServerSideProps(context) {
  // ruleid: pr-review.javascript.ssrf
  const feed = await fetch(context.query.feed);
  return { props: { feed: await feed.text() } };
}
