const express = require("express");
const router = express.Router();
const search = require("../search");

router.get("/search", async (req, res) => {
  const term = req.query.q || "";
  const hits = await search.run(term);
  if (hits.length === 0) {
    const page = "<html><body><h2>No results for " + term + "</h2></body></html>";
    return res.send(page);
  }
  res.render("results", { hits, term });
});

module.exports = router;
