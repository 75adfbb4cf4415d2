const express = require("express");
const router = express.Router();

const TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

router.get("/tags/:tag", (req, res) => {
  const tag = String(req.params.tag).toLowerCase();
  if (!TAG.test(tag)) return res.status(400).send("bad tag");
  res.json({ tag, url: `/tags/${encodeURIComponent(tag)}` });
});

module.exports = router;
