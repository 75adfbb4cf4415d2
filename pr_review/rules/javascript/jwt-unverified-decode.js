const jwt = require("jsonwebtoken");

function requireUser(req, res, next) {
  const token = req.headers.authorization.split(" ")[1];
  // ruleid: pr-review.javascript.jwt-unverified-decode
  const claims = jwt.decode(token);
  req.user = claims.sub;
  next();
}

function requireUser2(req, res, next) {
  const token = req.headers.authorization.split(" ")[1];
  // ok: pr-review.javascript.jwt-unverified-decode
  const claims = jwt.verify(token, process.env.JWT_PUBLIC_KEY, { algorithms: ["RS256"] });
  req.user = claims.sub;
  next();
}

function kid(token) {
  // ok: pr-review.javascript.jwt-unverified-decode
  const header = jwt.decode(token, { complete: true }).header;
  return jwt.verify(token, keys[header.kid]);
}
