const pool = require('../db/pool');

async function countOrders(customerId) {
  const [rows] = await pool.execute('SELECT COUNT(*) AS n FROM orders WHERE customer_id = ?', [customerId]);
  return rows[0].n;
}

module.exports = { countOrders };
