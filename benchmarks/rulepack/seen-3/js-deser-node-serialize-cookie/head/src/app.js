const express = require('express');
const cookieParser = require('cookie-parser');
const serialize = require('node-serialize');

const routes = require('./routes');

const PREFS_COOKIE = 'ui_prefs';
const DEFAULT_PREFS = { theme: 'light', density: 'comfortable', pinned: [] };

const app = express();
app.use(express.json({ limit: '100kb' }));
app.use(cookieParser());

// UI preferences travel in a cookie so anonymous visitors keep them too.
app.use((req, res, next) => {
  req.prefs = { ...DEFAULT_PREFS };
  const raw = req.cookies[PREFS_COOKIE];
  if (raw) {
    try {
      Object.assign(req.prefs, serialize.unserialize(Buffer.from(raw, 'base64').toString('utf8')));
    } catch (err) {
      res.clearCookie(PREFS_COOKIE);
    }
  }
  res.savePrefs = (prefs) => {
    const value = Buffer.from(serialize.serialize(prefs)).toString('base64');
    res.cookie(PREFS_COOKIE, value, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax' });
  };
  next();
});

app.use(routes);

module.exports = app;
