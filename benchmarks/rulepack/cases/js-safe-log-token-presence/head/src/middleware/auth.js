const jwt = require("jsonwebtoken");
const logger = require("../logger");

module.exports = function authenticate(req, res, next) {
  const header = req.get("authorization") || "";
  const token = header.startsWith("Bearer ") ? header.slice(7) : null;
  logger.debug("auth check", { path: req.path, tokenPresent: Boolean(token) });
  if (!token) return res.sendStatus(401);
  try {
    req.user = jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ["RS256"] });
    next();
  } catch (err) {
    res.sendStatus(401);
  }
};
