const express = require("express");
const app = express();

const db = require("./db");

app.get("/users", async (req, res) => {
  const name = req.query.name;
  const sql = "SELECT * FROM users WHERE name = '" + name + "'";
  // ruleid: pr-review.javascript.sql-injection
  const rows = await db.query(sql);
  // ok: pr-review.javascript.sql-injection
  const rows2 = await db.query("SELECT * FROM users WHERE name = $1", [name]);
  res.json(rows);
});

app.get("/orders/:id", async (req, res) => {
  const { id } = req.params;
  // ruleid: pr-review.javascript.sql-injection
  const [rows] = await sequelize.query(`SELECT * FROM orders WHERE id = ${id}`);
  const limit = parseInt(req.query.limit, 10);
  // ok: pr-review.javascript.sql-injection
  const more = await knex.raw(`SELECT * FROM orders LIMIT ${limit}`);
  res.json(rows);
});

app.get("/search", async (req, res) => {
  // ok: pr-review.javascript.sql-injection
  const hits = await search.run(req.query.q);
  // ruleid: pr-review.javascript.sql-injection
  const row = await db.get("SELECT * FROM notes WHERE slug = '" + req.query.slug + "'");
  res.json({ hits, row });
});

function report(table) {
  // ruleid: pr-review.javascript.sql-injection
  return db.query("SELECT count(*) FROM " + table);
}

class OrderDao {
  async byCustomer(customerId, sort) {
    // ruleid: pr-review.javascript.sql-injection
    const { rows } = await this.pool.query("SELECT id FROM orders WHERE customer_id = " + customerId + " ORDER BY " + sort);
    return rows;
  }

  async byStatus(status) {
    // ruleid: pr-review.javascript.sql-injection
    return this.pool.query(`SELECT id FROM orders WHERE status = '${status}'`);
  }

  async byEmail(email) {
    // ok: pr-review.javascript.sql-injection
    return this.pool.query("SELECT id FROM orders WHERE email = $1", [email]);
  }
}

async function deleteOrder(db, id) {
  // ok: pr-review.javascript.sql-injection
  return db.query("DELETE FROM orders WHERE id = ?", [id]);
}

class ProductRepository {
  constructor(pool) { this.pool = pool; }
  async search(term) {
    const sql = "SELECT * FROM products WHERE name LIKE '%" + term + "%'";
    // ruleid: pr-review.javascript.sql-injection
    return this.pool.query(sql);
  }
}

const sortColumns = { new: "created_at DESC", top: "score DESC" };
app.get("/posts", async (req, res) => {
  const order = sortColumns[req.query.sort] || "created_at DESC";
  // ok: pr-review.javascript.sql-injection
  res.json(await db.query("SELECT id FROM posts ORDER BY " + order));
  // ruleid: pr-review.javascript.sql-injection
  res.json(await db.query("SELECT id FROM posts ORDER BY " + req.query.order));
});

const httpClient = axios.create({ baseURL: "https://api.example.com" });
app.get("/proxy", async (req, res) => {
  // ok: pr-review.javascript.sql-injection
  const r = await httpClient.get("/items/" + req.query.id);
  res.json(r.data);
});

async function listProducts(filters = {}) {
  let sql = "SELECT id, name FROM products WHERE active";
  if (filters.category) {
    sql += " AND category = '" + filters.category + "'";
  }
  // ruleid: pr-review.javascript.sql-injection
  const { rows } = await pool.query(sql);
  return rows;
}

async function listProductsSafe(filters = {}) {
  let sql = "SELECT id, name FROM products WHERE active";
  const params = [];
  if (filters.category) {
    params.push(filters.category);
    sql += " AND category = $" + params.length;
  }
  const label = "category = '" + filters.category + "'";
  // ok: pr-review.javascript.sql-injection
  const { rows } = await pool.query(sql, params);
  logger.debug(label);
  return rows;
}
