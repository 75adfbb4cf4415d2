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

const ALLOWED_HOSTS = new Set(["example.com"]);
const redirectTargets = { docs: "https://docs.example.com" };

function isLocalPath(p) {
  return typeof p === "string" && p.startsWith("/") && !p.startsWith("//");
}

app.get("/g1", (req, res) => {
  const next = req.query.next;
  if (!isLocalPath(next)) return res.redirect("/");
  // ok: pr-review.javascript.open-redirect
  res.redirect(next);
});

app.get("/g2", (req, res) => {
  const next = String(req.query.next || "/");
  const target = ALLOWED_HOSTS.has(new URL(next, "https://example.com").hostname) ? next : "/";
  // ok: pr-review.javascript.open-redirect
  res.redirect(target);
});

app.get("/g3", (req, res) => {
  // ok: pr-review.javascript.open-redirect
  res.redirect(redirectTargets[req.query.to] || "/");
});

app.get("/g4", (req, res) => {
  const next = req.query.next;
  audit(next);
  // ruleid: pr-review.javascript.open-redirect
  res.redirect(next);
});

app.get("/g5", (req, res) => {
  if (isLocalPath(req.query.back)) {
    // ruleid: pr-review.javascript.open-redirect
    return res.redirect(req.query.next);
  }
  res.redirect("/");
});

const ALLOWED_HOSTS = new Set(["app.example.com", "docs.example.com"]);

function localPath(value) {
  if (typeof value !== "string") return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  return value;
}

const returnTarget = (raw) => {
  const parsed = new URL(raw, "https://app.example.com");
  if (parsed.protocol !== "https:" || !ALLOWED_HOSTS.has(parsed.host)) {
    return "/";
  }
  return parsed.toString();
};

function withTracking(url) {
  if (url.includes("?")) {
    url += "&src=mail";
  }
  return url;
}

app.get("/h1", (req, res) => {
  // ok: pr-review.javascript.open-redirect
  res.redirect(302, localPath(req.query.returnTo));
});

app.get("/h2", (req, res) => {
  const target = returnTarget(req.query.returnTo);
  // ok: pr-review.javascript.open-redirect
  res.redirect(target);
});

app.get("/h3", (req, res) => {
  // ruleid: pr-review.javascript.open-redirect
  res.redirect(withTracking(req.query.next));
});

function keepQuery(url) {
  if (url.startsWith("http")) {
    return url;
  }
  return "/" + url;
}

app.get("/h4", (req, res) => {
  // ruleid: pr-review.javascript.open-redirect
  res.redirect(keepQuery(req.query.next));
});

export async function PUT(req) {
  const form = await req.formData();
  const target = form.get("returnTo");
  // ruleid: pr-review.javascript.open-redirect
  return Response.redirect(target, 302);
}

export async function PATCH(req) {
  const { next } = await req.json();
  // ok: pr-review.javascript.open-redirect
  return Response.redirect(localPath(next), 302);
}

export async function DELETE(request) {
  const back = request.nextUrl.searchParams.get("back");
  // ruleid: pr-review.javascript.open-redirect
  return NextResponse.redirect(back);
}

export async function OPTIONS(request) {
  // ok: pr-review.javascript.open-redirect
  return NextResponse.redirect(new URL("/login", request.url));
}

export async function HEAD(request) {
  // ruleid: pr-review.javascript.open-redirect
  return NextResponse.redirect(new URL(request.nextUrl.searchParams.get("to"), request.url));
}

const http = require("http");
http.createServer((req, res) => {
  const target = new URL(req.url, "http://localhost").searchParams.get("to");
  // ruleid: pr-review.javascript.open-redirect
  res.writeHead(302, { Location: target });
  res.end();
});

app.get("/loc", (req, res) => {
  // ruleid: pr-review.javascript.open-redirect
  res.setHeader("Location", req.query.to);
  // ok: pr-review.javascript.open-redirect
  res.setHeader("Content-Type", req.query.to);
  // ok: pr-review.javascript.open-redirect
  res.location(localPath(req.query.to));
  res.status(302).end();
});

const CANONICAL_HOST = "www.example.com";
app.use((req, res, next) => {
  // ok: pr-review.javascript.open-redirect
  if (!req.secure) return res.redirect(301, `https://${CANONICAL_HOST}${req.originalUrl}`);
  // ruleid: pr-review.javascript.open-redirect
  if (req.query.to) return res.redirect(301, `https://${CANONICAL_HOST}${req.query.to}`);
  next();
});
