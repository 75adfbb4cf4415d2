const CANONICAL_HOST = 'www.example.com';

function forceHttps(req, res, next) {
  if (req.secure || req.headers['x-forwarded-proto'] === 'https') {
    return next();
  }
  res.setHeader('Location', `https://${CANONICAL_HOST}${encodeURI(req.path)}`);
  res.statusCode = 301;
  res.end();
}

module.exports = { forceHttps };
