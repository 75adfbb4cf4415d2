const fs = require('fs');
const path = require('path');
const express = require('express');

const router = express.Router();
const THEMES = path.join(__dirname, '..', 'themes');

function themeFile(theme, file) {
  if (theme.startsWith('.')) {
    theme = theme.slice(1);
  }
  return path.join(THEMES, theme, file);
}

router.get('/themes/:theme/*', (req, res) => {
  fs.createReadStream(themeFile(req.params.theme, req.params[0])).pipe(res);
});

module.exports = router;
