const express = require("express");

const router = express.Router();
const PARTNER_HOSTS = new Set(["docs.example.com", "status.example.com"]);

router.get("/out", (req, res) => {
  const dest = String(req.query.dest || "");
  let host = "";
  try {
    host = new URL(dest).hostname;
  } catch {
    host = "";
  }
  const target = PARTNER_HOSTS.has(host) ? dest : "/";
  res.redirect(302, target);
});

module.exports = router;
