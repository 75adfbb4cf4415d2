const express = require("express");
const router = express.Router();
router.post("/transform", (req, res) => {
  const { records, mapper } = req.body;
  const mapFn = new Function("row", "return (" + mapper + ")(row);");
  res.json(records.map(mapFn));
});

module.exports = router;
