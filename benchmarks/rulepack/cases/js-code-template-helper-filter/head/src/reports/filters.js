const express = require('express');
const { listOrders } = require('../db/orders');

const router = express.Router();

function buildPredicate(field, operator, value) {
  const source = `return row[${JSON.stringify(field)}] ${operator} ${value};`;
  return new Function('row', source);
}

router.get('/reports/orders', async (req, res) => {
  const { field = 'total', op = '>', value = '0' } = req.query;
  const predicate = buildPredicate(field, op, value);
  const rows = await listOrders();
  res.json(rows.filter(predicate));
});

module.exports = router;
