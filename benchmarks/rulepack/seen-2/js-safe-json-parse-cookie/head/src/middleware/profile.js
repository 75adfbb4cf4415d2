const DEFAULT_PROFILE = Object.freeze({ theme: 'light', lang: 'en' });
const THEMES = new Set(['light', 'dark']);

function loadProfile(req, res, next) {
  const raw = req.signedCookies && req.signedCookies.profile;
  if (!raw) {
    req.profile = { ...DEFAULT_PROFILE };
    return next();
  }
  let parsed;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64').toString('utf8'));
  } catch (err) {
    parsed = {};
  }
  req.profile = {
    theme: THEMES.has(parsed.theme) ? parsed.theme : DEFAULT_PROFILE.theme,
    lang: typeof parsed.lang === 'string' && /^[a-z]{2}$/.test(parsed.lang) ? parsed.lang : DEFAULT_PROFILE.lang,
  };
  next();
}

function saveProfile(res, profile) {
  const encoded = Buffer.from(JSON.stringify(profile)).toString('base64');
  res.cookie('profile', encoded, { httpOnly: true, sameSite: 'lax', signed: true });
}

module.exports = { loadProfile, saveProfile };
