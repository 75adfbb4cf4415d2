const express = require('express');

const router = express.Router();

function compileRule(expression) {
  return new Function('order', `"use strict"; return (${expression});`);
}

router.post('/discount-rules/test', express.json(), (req, res) => {
  const { expression, order } = req.body;
  let matches;
  try {
    const rule = compileRule(expression);
    matches = Boolean(rule(order));
  } catch (err) {
    return res.status(400).json({ error: `invalid rule: ${err.message}` });
  }
  res.json({ matches });
});

module.exports = router;
