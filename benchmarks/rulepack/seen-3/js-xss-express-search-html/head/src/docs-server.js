const express = require('express');
const path = require('node:path');

const searchIndex = require('./search-index');

const app = express();
app.disable('x-powered-by');
app.use('/docs', express.static(path.join(__dirname, '..', 'site'), { maxAge: '1h' }));

const layout = (title, body) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="stylesheet" href="/docs/style.css"></head>
<body><main>${body}</main></body></html>`;

app.get('/search', (req, res) => {
  const q = String(req.query.q || '').trim();
  const hits = q ? searchIndex.search(q, { limit: 25 }) : [];
  const items = hits
    .map((hit) => `<li><a href="/docs/${hit.path}">${hit.title}</a><p>${hit.excerpt}</p></li>`)
    .join('\n');
  const summary = hits.length ? `${hits.length} results for <q>${q}</q>` : `No results for <q>${q}</q>`;
  res.type('html').send(layout(`Search: ${q}`, `<h1>${summary}</h1><ul class="hits">${items}</ul>`));
});

module.exports = app;
