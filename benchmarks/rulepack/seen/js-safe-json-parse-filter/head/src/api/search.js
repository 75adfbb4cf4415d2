const express = require("express");

const router = express.Router();

router.get("/search", (req, res) => {
  let filter;
  try {
    filter = JSON.parse(req.query.filter || "{}");
  } catch (err) {
    return res.status(400).json({ error: "filter must be JSON" });
  }
  res.json({ filter });
});

module.exports = router;
