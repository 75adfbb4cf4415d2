'use strict';

const { pool } = require('./pool');

const COLUMNS = 'id, name, slug, price_cents, category, stock';

async function findById(id) {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM products WHERE id = $1`, [id]);
  return rows[0] || null;
}

async function findBySlug(slug) {
  const { rows } = await pool.query(`SELECT ${COLUMNS} FROM products WHERE slug = $1 AND active`, [slug]);
  return rows[0] || null;
}

/**
 * Catalogue listing used by GET /api/products.
 * @param {{category?: string, minPrice?: string, sort?: string, order?: string, page?: string}} filters
 */
async function list(filters = {}) {
  let sql = 'SELECT ' + COLUMNS + ' FROM products WHERE active';
  if (filters.category) {
    sql += " AND category = '" + filters.category + "'";
  }
  if (filters.minPrice) {
    sql += ' AND price_cents >= ' + Number(filters.minPrice) * 100;
  }
  sql += ' ORDER BY ' + (filters.sort || 'name') + (filters.order === 'desc' ? ' DESC' : ' ASC');
  const page = Math.max(parseInt(filters.page, 10) || 1, 1);
  sql += ' LIMIT 50 OFFSET ' + (page - 1) * 50;
  const { rows } = await pool.query(sql);
  return rows;
}

module.exports = { findById, findBySlug, list };
