const pool = require("../db");

async function ordersForCustomer(customerId, sortColumn) {
  const sql = "SELECT id, total, created_at FROM orders WHERE customer_id = " + customerId + " ORDER BY " + sortColumn;
  const { rows } = await pool.query(sql);
  return rows;
}

module.exports = { ordersForCustomer };
