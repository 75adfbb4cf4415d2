const express = require("express");
const router = express.Router();
const escapeHtml = require("escape-html");
const search = require("../search");

router.get("/search", async (req, res) => {
  const term = req.query.q || "";
  const hits = await search.run(term);
  if (hits.length === 0) {
    return res.send("<html><body><h2>No results for " + escapeHtml(term) + "</h2></body></html>");
  }
  res.render("results", { hits, term });
});

module.exports = router;
