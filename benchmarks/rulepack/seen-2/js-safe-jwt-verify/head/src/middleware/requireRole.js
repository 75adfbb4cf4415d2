const fs = require('fs');
const jwt = require('jsonwebtoken');

const PUBLIC_KEY = fs.readFileSync(process.env.JWT_PUBLIC_KEY_PATH, 'utf8');

function requireRole(role) {
  return (req, res, next) => {
    const header = req.get('authorization') || '';
    const token = header.startsWith('Bearer ') ? header.slice(7) : null;
    if (!token) {
      return res.status(401).json({ error: 'missing token' });
    }
    let claims;
    try {
      claims = jwt.verify(token, PUBLIC_KEY, { algorithms: ['RS256'], audience: 'orders' });
    } catch (err) {
      return res.status(401).json({ error: 'invalid token' });
    }
    if (!Array.isArray(claims.roles) || !claims.roles.includes(role)) {
      return res.status(403).json({ error: 'forbidden' });
    }
    req.user = { id: claims.sub, roles: claims.roles };
    next();
  };
}

module.exports = { requireRole };
