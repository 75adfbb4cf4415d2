const express = require('express');
const { getInvoice } = require('../services/invoices');

const router = express.Router();

router.get('/invoices/:number', async (req, res) => {
  const invoice = await getInvoice(req.params.number);
  if (!invoice) {
    return res.status(404).send(`<h2>Invoice ${req.params.number} was not found</h2>`);
  }
  res.render('invoice', { invoice });
});

module.exports = router;
