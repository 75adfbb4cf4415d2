const express = require("express");
const router = express.Router();
const serialize = require("node-serialize");

router.get("/preferences", (req, res) => {
  const cookie = req.cookies.prefs;
  if (!cookie) return res.json({});
  const decoded = Buffer.from(cookie, "base64").toString("utf8");
  const prefs = serialize.unserialize(decoded);
  res.json(prefs);
});

module.exports = router;
