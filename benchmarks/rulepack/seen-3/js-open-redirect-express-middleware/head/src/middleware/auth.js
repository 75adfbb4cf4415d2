'use strict';

function requireLogin(req, res, next) {
  if (req.session && req.session.userId) {
    return next();
  }
  if (req.accepts(['html', 'json']) === 'json') {
    return res.status(401).json({ error: 'login required' });
  }
  return res.redirect(`/login?returnTo=${encodeURIComponent(req.originalUrl)}`);
}

/**
 * Mounted on /login and /signup: somebody who is already signed in goes straight
 * back to the page that sent them here instead of seeing the form again.
 */
function skipIfSignedIn(req, res, next) {
  if (!req.session || !req.session.userId) {
    return next();
  }
  const returnTo = req.query.returnTo || req.get('referer') || '/dashboard';
  return res.redirect(302, returnTo);
}

module.exports = { requireLogin, skipIfSignedIn };
