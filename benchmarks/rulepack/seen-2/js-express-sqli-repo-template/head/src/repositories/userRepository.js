const express = require('express');
const mysql = require('mysql2/promise');

const pool = mysql.createPool({
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'shop',
});

class UserRepository {
  constructor(db) {
    this.db = db;
  }

  async findByEmailDomain(domain, limit = 50) {
    const sql = `SELECT id, email, created_at FROM users WHERE email LIKE '%@${domain}' LIMIT ${Number(limit)}`;
    const [rows] = await this.db.query(sql);
    return rows;
  }
}

const router = express.Router();
const users = new UserRepository(pool);

router.get('/admin/users', async (req, res, next) => {
  try {
    const rows = await users.findByEmailDomain(req.query.domain, req.query.limit);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
