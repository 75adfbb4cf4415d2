'use strict';

const db = require('./mysql');

/**
 * Supplier search for the back office.
 * @param {{ country?: string, email?: string }} criteria
 */
async function searchSuppliers(criteria = {}) {
  let sql = 'SELECT id, name, email, country FROM suppliers WHERE deleted_at IS NULL';
  const values = [];
  if (criteria.country) {
    sql += ' AND country = ?';
    values.push(criteria.country);
  }
  if (criteria.email) {
    sql += ' AND email LIKE ?';
    values.push(`%${criteria.email}%`);
  }
  const [rows] = await db.execute(sql, values);
  return rows;
}

module.exports = { searchSuppliers };
