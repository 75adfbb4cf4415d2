const express = require('express');

const { requireLogin } = require('../middleware/auth');
const invoices = require('../services/invoices');

const router = express.Router();

router.get('/invoices', requireLogin, async (req, res) => {
  res.json(await invoices.listForAccount(req.user.accountId));
});

module.exports = router;
