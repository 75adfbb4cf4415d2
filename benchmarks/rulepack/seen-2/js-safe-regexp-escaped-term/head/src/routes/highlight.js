const express = require('express');
const escapeStringRegexp = require('escape-string-regexp');
const { getArticle } = require('../services/articles');

const router = express.Router();

function highlight(text, term) {
  if (!term || term.length > 100) {
    return text;
  }
  const pattern = new RegExp(escapeStringRegexp(term), 'gi');
  return text.replace(pattern, (m) => `<mark>${m}</mark>`);
}

router.get('/articles/:id', async (req, res) => {
  const article = await getArticle(req.params.id);
  if (!article) {
    return res.sendStatus(404);
  }
  res.json({ ...article, body: highlight(article.body, req.query.q) });
});

module.exports = router;
