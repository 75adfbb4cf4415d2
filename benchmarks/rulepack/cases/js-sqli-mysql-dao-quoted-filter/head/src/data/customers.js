'use strict';

const db = require('./mysql');

/**
 * Customer search for the back office.
 * @param {{ country?: string, email?: string }} criteria
 */
async function searchCustomers(criteria = {}) {
  let sql = 'SELECT id, name, email, country FROM customers WHERE deleted_at IS NULL';
  if (criteria.country) {
    sql += ` AND country = '${criteria.country}'`;
  }
  if (criteria.email) {
    sql += " AND email LIKE '%" + criteria.email + "%'";
  }
  const [rows] = await db.execute(sql);
  return rows;
}

module.exports = { searchCustomers };
