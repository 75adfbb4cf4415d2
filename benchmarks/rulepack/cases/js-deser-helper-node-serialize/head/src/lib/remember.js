const serialize = require('node-serialize');

const COOKIE = 'remember';

function restoreState(cookieValue) {
  if (!cookieValue) return {};
  const json = Buffer.from(cookieValue, 'base64').toString('utf8');
  return serialize.unserialize(json);
}

function rememberMiddleware(req, res, next) {
  req.remembered = restoreState(req.cookies[COOKIE]);
  next();
}

module.exports = { rememberMiddleware };
