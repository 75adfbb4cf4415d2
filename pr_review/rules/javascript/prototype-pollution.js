const express = require("express");
const app = express();

function merge(target, source) {
  for (const key in source) {
    if (typeof source[key] === "object" && source[key] !== null) {
      // ruleid: pr-review.javascript.prototype-pollution
      if (!target[key]) target[key] = {};
      merge(target[key], source[key]);
    } else {
      // ruleid: pr-review.javascript.prototype-pollution
      target[key] = source[key];
    }
  }
  return target;
}
function safeMerge(target, source) {
  for (const key of Object.keys(source)) {
    if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
    if (typeof source[key] === "object") {
      safeMerge(target[key], source[key]);
    } else {
      // ok: pr-review.javascript.prototype-pollution
      target[key] = source[key];
    }
  }
}
function copy(source) {
  const out = {};
  for (const key in source) {
    // ok: pr-review.javascript.prototype-pollution
    out[key] = source[key];
  }
  return out;
}
app.post("/prefs", (req, res) => {
  const prefs = {};
  // ruleid: pr-review.javascript.prototype-pollution
  prefs[req.body.section][req.body.key] = req.body.value;
  // ok: pr-review.javascript.prototype-pollution
  prefs[req.body.section] = String(req.body.value);
});

const FORBIDDEN = new Set(["__proto__", "constructor", "prototype"]);

const deepAssign = (target, source) => {
  Object.keys(source).forEach((key) => {
    if (FORBIDDEN.has(key)) return;
    if (source[key] && typeof source[key] === "object") {
      target[key] = target[key] || {};
      deepAssign(target[key], source[key]);
      return;
    }
    // ok: pr-review.javascript.prototype-pollution
    target[key] = source[key];
  });
};

const GROUPS = ["display", "notifications"];

app.post("/settings", (req, res) => {
  const settings = { display: {}, notifications: {} };
  const group = req.body.group;
  if (!GROUPS.includes(group)) {
    return res.sendStatus(400);
  }
  // ok: pr-review.javascript.prototype-pollution
  settings[group][req.body.name] = req.body.value;
  res.json(settings);
});

function cloneDeep(obj) {
  const out = Array.isArray(obj) ? [] : {};
  for (const key in obj) {
    // ok: pr-review.javascript.prototype-pollution
    out[key] = typeof obj[key] === "object" ? cloneDeep(obj[key]) : obj[key];
  }
  return out;
}

function trimStrings(obj) {
  for (const key in obj) {
    if (typeof obj[key] === "string") {
      // ok: pr-review.javascript.prototype-pollution
      obj[key] = obj[key].trim();
    } else if (obj[key] && typeof obj[key] === "object") {
      trimStrings(obj[key]);
    }
  }
  return obj;
}
