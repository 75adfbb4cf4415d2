const express = require('express');

const { requireLogin } = require('../middleware/auth');
const contacts = require('../services/contacts');

const router = express.Router();

// MDN "Regular expressions" guide: escape user input before building a RegExp from it.
function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

router.get('/contacts', requireLogin, async (req, res) => {
  const term = String(req.query.q ?? '').trim().slice(0, 100);
  const all = await contacts.listForOrg(req.user.orgId);
  if (!term) {
    return res.json(all.slice(0, 100));
  }
  const matcher = new RegExp(escapeRegExp(term), 'i');
  const found = all.filter((c) => matcher.test(c.name) || matcher.test(c.email) || matcher.test(c.company ?? ''));
  return res.json(found.slice(0, 100));
});

module.exports = router;
