const path = require('node:path');
const express = require('express');

const { requireLogin } = require('../middleware/auth');
const invoices = require('../services/invoices');

const router = express.Router();
const INVOICE_ROOT = path.resolve(process.env.INVOICE_DIR || '/var/lib/billing/invoices');

router.get('/invoices', requireLogin, async (req, res) => {
  res.json(await invoices.listForAccount(req.user.accountId));
});

router.get('/invoices/:file', requireLogin, (req, res, next) => {
  const accountDir = path.join(INVOICE_ROOT, String(Number(req.user.accountId)));
  const options = {
    root: accountDir,
    dotfiles: 'deny',
    headers: { 'Content-Disposition': 'attachment', 'X-Content-Type-Options': 'nosniff' },
  };
  res.sendFile(req.params.file, options, (err) => {
    if (err) next(err.status === 404 || err.status === 403 ? undefined : err);
  });
});

module.exports = router;
