const express = require("express");
const Tag = require("../models/tag");

const router = express.Router();

router.get("/tags", async (req, res) => {
  const { filter = "" } = req.query;
  const matcher = new RegExp(filter, "i");
  const tags = await Tag.find({}).lean();
  res.json(tags.filter((t) => matcher.test(t.name)));
});

module.exports = router;
