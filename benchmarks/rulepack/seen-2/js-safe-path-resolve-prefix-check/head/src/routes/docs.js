const fs = require('fs/promises');
const path = require('path');
const express = require('express');

const router = express.Router();
const DOCS_ROOT = path.resolve(__dirname, '..', '..', 'docs');

function resolveDoc(section, page) {
  const candidate = path.resolve(DOCS_ROOT, section, `${page}.md`);
  if (!candidate.startsWith(DOCS_ROOT + path.sep)) {
    return null;
  }
  return candidate;
}

router.get('/docs/:section/:page', async (req, res) => {
  const file = resolveDoc(req.params.section, req.params.page);
  if (!file) {
    return res.status(400).send('Bad path');
  }
  try {
    const markdown = await fs.readFile(file, 'utf8');
    res.type('text/markdown').send(markdown);
  } catch (err) {
    res.status(404).send('Not found');
  }
});

module.exports = router;
