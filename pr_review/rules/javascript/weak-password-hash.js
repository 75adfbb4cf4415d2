const crypto = require("crypto");

function hashPassword(password) {
  // ruleid: pr-review.javascript.weak-password-hash
  return crypto.createHash("md5").update(password).digest("hex");
}

function etag(body) {
  // ok: pr-review.javascript.weak-password-hash
  return crypto.createHash("md5").update(body).digest("hex");
}

function store(user) {
  // ruleid: pr-review.javascript.weak-password-hash
  user.hash = crypto.createHash("sha256").update(user.password + SALT).digest("hex");
  // ok: pr-review.javascript.weak-password-hash
  user.hash2 = crypto.scryptSync(user.password, salt, 64).toString("hex");
}
