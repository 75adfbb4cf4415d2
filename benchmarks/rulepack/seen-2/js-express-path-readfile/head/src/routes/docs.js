const fs = require('fs/promises');
const path = require('path');
const express = require('express');
const { marked } = require('marked');

const router = express.Router();
const DOCS_ROOT = path.resolve(__dirname, '..', '..', 'docs');

router.get('/docs/:section/:page', async (req, res) => {
  const file = path.join(DOCS_ROOT, req.params.section, `${req.params.page}.md`);
  let markdown;
  try {
    markdown = await fs.readFile(file, 'utf8');
  } catch (err) {
    return res.status(404).send('Not found');
  }
  res.render('doc', { html: marked.parse(markdown), title: req.params.page });
});

module.exports = router;
