const jwt = require("jsonwebtoken");
// ruleid: pr-review.javascript.hardcoded-credentials
const JWT_SECRET = "s3cr3t-signing-key-2024";
// ok: pr-review.javascript.hardcoded-credentials
const JWT_SECRET2 = process.env.JWT_SECRET;
// ruleid: pr-review.javascript.hardcoded-credentials
const pool = mysql.createPool({ host: "db", user: "app", password: "Pr0dPassw0rd!" });
// ok: pr-review.javascript.hardcoded-credentials
const pool2 = mysql.createPool({ host: "db", user: "app", password: process.env.DB_PASSWORD });
// ruleid: pr-review.javascript.hardcoded-credentials
const t = jwt.sign({ sub: 1 }, "my-hardcoded-key-123");
// ok: pr-review.javascript.hardcoded-credentials
const field = { password: "Password" };
