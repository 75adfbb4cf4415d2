const express = require('express');
const Product = require('../models/product');

const router = express.Router();

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

router.get('/search', async (req, res) => {
  const q = String(req.query.q || '').slice(0, 64);
  if (!q) return res.json([]);
  const pattern = new RegExp(escapeRegExp(q), 'i');
  const products = await Product.find({ name: pattern }).limit(25).lean();
  res.json(products);
});

module.exports = router;
