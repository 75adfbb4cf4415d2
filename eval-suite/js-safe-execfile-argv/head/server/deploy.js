const express = require("express");
const router = express.Router();
const { execFileSync } = require("child_process");

const BRANCH_RE = /^[A-Za-z0-9._\/-]{1,100}$/;

router.post("/deploy", (req, res) => {
  const { branch } = req.body;
  if (!BRANCH_RE.test(branch)) {
    return res.status(400).json({ error: "bad branch" });
  }
  const output = execFileSync("git", ["checkout", "--", branch], { cwd: "/srv/app" });
  res.json({ ok: true, output: output.toString() });
});

module.exports = router;
