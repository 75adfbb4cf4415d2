const express = require("express");
const router = express.Router();
const path = require("path");

const UPLOAD_DIR = path.join(__dirname, "..", "uploads");

router.get("/files/:filename", (req, res) => {
  const filePath = path.join(UPLOAD_DIR, req.params.filename);
  res.download(filePath);
});

module.exports = router;
