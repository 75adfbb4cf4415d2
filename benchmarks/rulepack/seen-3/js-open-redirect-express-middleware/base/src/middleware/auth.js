'use strict';

function requireLogin(req, res, next) {
  if (req.session && req.session.userId) {
    return next();
  }
  if (req.accepts(['html', 'json']) === 'json') {
    return res.status(401).json({ error: 'login required' });
  }
  return res.redirect('/login');
}

module.exports = { requireLogin };
