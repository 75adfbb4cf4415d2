const express = require('express');
const fs = require('fs');
const path = require('path');

const router = express.Router();
const AVATAR_DIR = path.join(__dirname, '..', '..', 'storage', 'avatars');

router.get('/avatars/:name', (req, res) => {
  const file = path.join(AVATAR_DIR, decodeURIComponent(req.params.name));
  fs.readFile(file, (err, data) => {
    if (err) return res.sendStatus(404);
    res.type(path.extname(file) || 'png').send(data);
  });
});

module.exports = router;
