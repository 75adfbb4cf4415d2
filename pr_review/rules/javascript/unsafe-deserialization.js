const express = require("express");
const app = express();

const serialize = require("node-serialize");

app.get("/profile", (req, res) => {
  const raw = Buffer.from(req.cookies.profile, "base64").toString();
  // ruleid: pr-review.javascript.unsafe-deserialization
  const profile = serialize.unserialize(raw);
  // ok: pr-review.javascript.unsafe-deserialization
  const profile2 = JSON.parse(raw);
  res.send("Hi " + profile.username.length);
});

function readPrefs(encoded) {
  const text = Buffer.from(encoded, "base64").toString("utf8");
  // ruleid: pr-review.javascript.unsafe-deserialization
  return serialize.unserialize(text);
}

function readPrefsJson(encoded) {
  // ok: pr-review.javascript.unsafe-deserialization
  return JSON.parse(Buffer.from(encoded, "base64").toString("utf8"));
}
