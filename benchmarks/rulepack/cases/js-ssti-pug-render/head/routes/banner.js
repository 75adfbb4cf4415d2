const express = require("express");
const router = express.Router();
const pug = require("pug");

router.get("/banner", (req, res) => {
  const headline = req.query.headline || "Welcome";
  const template = "div.banner\n  h1 " + headline;
  res.send(pug.render(template));
});

module.exports = router;
