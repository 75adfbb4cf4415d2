const express = require('express');

const router = express.Router();
const SAFE_PATH = /^\/[a-z0-9/_-]*$/i;

function backTo(referer) {
  if (!referer || !SAFE_PATH.test(referer)) {
    return '/';
  }
  return referer;
}

router.post('/language', express.urlencoded({ extended: false }), (req, res) => {
  res.cookie('lang', req.body.lang === 'de' ? 'de' : 'en', { httpOnly: true, sameSite: 'lax' });
  res.redirect(backTo(req.body.back));
});

module.exports = router;
