const express = require("express");
const router = express.Router();
const connection = require("../db");

router.get("/products", (req, res, next) => {
  const category = req.query.category || "all";
  const sql = `SELECT id, name, price FROM products WHERE category = '${category}' AND active = 1`;
  connection.query(sql, (err, rows) => {
    if (err) return next(err);
    res.json(rows);
  });
});

module.exports = router;
