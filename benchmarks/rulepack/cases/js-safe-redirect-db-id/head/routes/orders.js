const express = require("express");
const Order = require("../models/order");

const router = express.Router();

router.post("/orders/:id/duplicate", async (req, res) => {
  const original = await Order.findById(req.params.id);
  const copy = await Order.create({ items: original.items, customer: req.user.id });
  res.redirect(`/orders/${copy.id}`);
});

module.exports = router;
