const pool = require('../db/pool');

async function findOrders(customerId, status, sort) {
  let sql = 'SELECT id, total, status, created_at FROM orders WHERE customer_id = ' + customerId;
  if (status) {
    sql += " AND status = '" + status + "'";
  }
  sql += ' ORDER BY created_at DESC';
  const [rows] = await pool.query(sql);
  return rows;
}

async function countOrders(customerId) {
  const [rows] = await pool.execute('SELECT COUNT(*) AS n FROM orders WHERE customer_id = ?', [customerId]);
  return rows[0].n;
}

module.exports = { findOrders, countOrders };
