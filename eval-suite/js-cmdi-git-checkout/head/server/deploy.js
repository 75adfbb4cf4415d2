const express = require("express");
const router = express.Router();
const { execSync } = require("child_process");

router.post("/deploy", (req, res) => {
  const { branch } = req.body;
  const repoDir = process.env.REPO_DIR || "/srv/app";
  const output = execSync(`git fetch origin && git checkout ${branch}`, { cwd: repoDir });
  res.json({ ok: true, output: output.toString() });
});

module.exports = router;
