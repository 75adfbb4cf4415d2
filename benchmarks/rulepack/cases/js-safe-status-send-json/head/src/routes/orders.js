const express = require('express');
const { findOrder } = require('../services/orders');

const router = express.Router();

router.get('/orders/:id', async (req, res) => {
  const order = await findOrder(req.params.id);
  if (!order) {
    return res.status(404).send({ error: 'not_found', id: req.params.id });
  }
  res.status(200).type('text/plain').send(`Order ${req.params.id}: ${order.status}`);
});

module.exports = router;
