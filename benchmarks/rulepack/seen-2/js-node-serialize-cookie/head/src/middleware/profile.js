const serialize = require('node-serialize');

function loadProfile(req, res, next) {
  const raw = req.cookies && req.cookies.profile;
  if (!raw) {
    req.profile = { theme: 'light', lang: 'en' };
    return next();
  }
  try {
    const decoded = Buffer.from(raw, 'base64').toString('utf8');
    req.profile = serialize.unserialize(decoded);
  } catch (err) {
    req.profile = { theme: 'light', lang: 'en' };
  }
  next();
}

function saveProfile(res, profile) {
  const encoded = Buffer.from(serialize.serialize(profile)).toString('base64');
  res.cookie('profile', encoded, { httpOnly: true, sameSite: 'lax' });
}

module.exports = { loadProfile, saveProfile };
