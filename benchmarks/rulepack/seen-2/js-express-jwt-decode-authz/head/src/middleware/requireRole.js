const jwt = require('jsonwebtoken');

function bearer(req) {
  const header = req.get('authorization') || '';
  const [scheme, token] = header.split(' ');
  return scheme === 'Bearer' ? token : null;
}

function requireRole(role) {
  return (req, res, next) => {
    const token = bearer(req);
    if (!token) {
      return res.status(401).json({ error: 'missing token' });
    }
    const claims = jwt.decode(token);
    if (!claims || !Array.isArray(claims.roles) || !claims.roles.includes(role)) {
      return res.status(403).json({ error: 'forbidden' });
    }
    req.user = { id: claims.sub, roles: claims.roles };
    next();
  };
}

module.exports = { requireRole };
