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

module.exports = { findById, findBySlug };
