const express = require("express");
const router = express.Router();
const path = require("path");

const UPLOAD_DIR = path.join(__dirname, "..", "uploads");

router.get("/files/:filename", (req, res) => {
  res.sendFile(req.params.filename, { root: UPLOAD_DIR, dotfiles: "deny" });
});

module.exports = router;
