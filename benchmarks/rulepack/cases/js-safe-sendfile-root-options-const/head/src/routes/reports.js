const path = require('node:path');
const express = require('express');

const router = express.Router();
const REPORT_DIR = path.resolve(process.env.REPORT_DIR || './var/reports');

router.get('/reports/:name', (req, res, next) => {
  const sendOptions = {
    root: REPORT_DIR,
    dotfiles: 'deny',
    maxAge: '1h',
    headers: { 'Content-Disposition': 'attachment' },
  };
  res.sendFile(req.params.name, sendOptions, (err) => {
    if (err) next(err.status === 404 ? undefined : err);
  });
});

module.exports = router;
