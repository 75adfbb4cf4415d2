const express = require('express');

const router = express.Router();

function withLogoutFlag(target) {
  if (target.includes('?')) {
    return `${target}&logged_out=1`;
  }
  return `${target}?logged_out=1`;
}

router.get('/logout', (req, res) => {
  req.session.destroy(() => {
    res.redirect(withLogoutFlag(req.query.next || '/'));
  });
});

module.exports = router;
