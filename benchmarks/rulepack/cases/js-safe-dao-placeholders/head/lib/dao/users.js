const pool = require("../db");

async function byEmail(email) {
  const { rows } = await pool.query("SELECT id, name FROM users WHERE email = $1", [email]);
  return rows[0];
}

module.exports = { byEmail };
