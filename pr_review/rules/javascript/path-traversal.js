const express = require("express");
const app = express();

const fs = require("fs");
const path = require("path");
const BASE = "/srv/files";

app.get("/download", (req, res) => {
  const file = path.join(BASE, req.query.name);
  // ruleid: pr-review.javascript.path-traversal
  res.sendFile(file);
});

app.get("/download2", (req, res) => {
  // ok: pr-review.javascript.path-traversal
  res.sendFile(req.query.name, { root: BASE });
});

app.get("/docs/:doc", (req, res) => {
  const p = path.join(BASE, "docs", req.params.doc);
  // ruleid: pr-review.javascript.path-traversal
  fs.readFile(p, "utf8", (err, data) => res.send(data));
});

app.get("/docs2/:doc", (req, res) => {
  const p = path.resolve(BASE, req.params.doc);
  if (!p.startsWith(BASE + path.sep)) {
    return res.status(400).end();
  }
  // ok: pr-review.javascript.path-traversal
  fs.createReadStream(p).pipe(res);
});

app.get("/avatar", (req, res) => {
  const name = path.basename(req.query.f);
  // ok: pr-review.javascript.path-traversal
  fs.readFile(path.join(BASE, name), (e, d) => res.end(d));
});

function resolveDoc(section, page) {
  const candidate = path.resolve(BASE, section, `${page}.md`);
  if (!candidate.startsWith(BASE + path.sep)) {
    return null;
  }
  return candidate;
}

function stripLeadingSlash(name) {
  if (name.startsWith("/")) name = name.slice(1);
  return path.join(BASE, name);
}

app.get("/docs3/:section/:page", async (req, res) => {
  const file = resolveDoc(req.params.section, req.params.page);
  if (!file) return res.sendStatus(400);
  // ok: pr-review.javascript.path-traversal
  res.send(await fs.promises.readFile(file, "utf8"));
});

app.get("/raw", (req, res) => {
  // ruleid: pr-review.javascript.path-traversal
  fs.readFile(stripLeadingSlash(req.query.name), (e, d) => res.end(d));
});

app.get("/invoices/:file", (req, res, next) => {
  const options = { root: INVOICE_DIR, dotfiles: "deny" };
  // ok: pr-review.javascript.path-traversal
  res.sendFile(req.params.file, options, (err) => next(err));
});

app.get("/exports/:file", (req, res, next) => {
  const options = { dotfiles: "deny", headers: { "Content-Disposition": "attachment" } };
  // ruleid: pr-review.javascript.path-traversal
  res.sendFile(req.params.file, options, (err) => next(err));
});
