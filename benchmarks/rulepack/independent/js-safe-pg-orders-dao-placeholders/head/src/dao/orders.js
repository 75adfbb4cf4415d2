const { pool } = require('../db');

async function findOrders(customerId, status) {
  const params = [customerId];
  let sql = 'SELECT id, total, status, created_at FROM orders WHERE customer_id = $1';
  if (status) {
    params.push(status);
    sql += ` AND status = $${params.length}`;
  }
  sql += ' ORDER BY created_at DESC LIMIT 100';
  const { rows } = await pool.query(sql, params);
  return rows;
}

module.exports = { findOrders };
