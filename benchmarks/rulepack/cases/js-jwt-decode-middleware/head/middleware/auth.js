const jwt = require("jsonwebtoken");

module.exports = function authenticate(req, res, next) {
  const header = req.get("authorization") || "";
  const token = header.replace(/^Bearer /, "");
  if (!token) {
    return res.status(401).json({ error: "missing token" });
  }
  const claims = jwt.decode(token);
  if (!claims || claims.exp * 1000 < Date.now()) {
    return res.status(401).json({ error: "expired" });
  }
  req.user = { id: claims.sub, role: claims.role };
  next();
};
