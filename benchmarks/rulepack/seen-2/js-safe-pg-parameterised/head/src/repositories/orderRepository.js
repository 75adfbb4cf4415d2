const { Pool } = require('pg');
const express = require('express');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

async function ordersForCustomer(customerId, status) {
  const params = [customerId];
  let sql = 'SELECT id, status, total_cents FROM orders WHERE customer_id = $1';
  if (status) {
    params.push(status);
    sql += ` AND status = $${params.length}`;
  }
  sql += ' ORDER BY created_at DESC LIMIT 100';
  const { rows } = await pool.query(sql, params);
  return rows;
}

const router = express.Router();

router.get('/customers/:id/orders', async (req, res, next) => {
  try {
    res.json(await ordersForCustomer(req.params.id, req.query.status));
  } catch (err) {
    next(err);
  }
});

module.exports = router;
