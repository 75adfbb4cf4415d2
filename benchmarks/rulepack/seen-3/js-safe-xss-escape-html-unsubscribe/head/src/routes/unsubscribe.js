const express = require('express');
const escapeHtml = require('escape-html');

const subscriptions = require('../services/subscriptions');

const router = express.Router();

const page = (title, bodyHtml) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body class="notice">${bodyHtml}</body></html>`;

router.get('/unsubscribe', async (req, res) => {
  const token = String(req.query.token || '');
  const sub = token ? await subscriptions.findByToken(token) : null;
  if (!sub) {
    return res.status(404).type('html').send(page('Link expired', '<p>This unsubscribe link is no longer valid.</p>'));
  }
  await subscriptions.cancel(sub.id);
  const list = escapeHtml(sub.listName);
  const email = escapeHtml(sub.email);
  return res
    .type('html')
    .send(page('Unsubscribed', `<p><strong>${email}</strong> will no longer receive <em>${list}</em>.</p>`));
});

module.exports = router;
