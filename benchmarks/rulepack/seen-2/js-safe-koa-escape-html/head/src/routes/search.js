const Router = require('@koa/router');
const escapeHtml = require('escape-html');
const { searchProducts } = require('../services/catalog');

const router = new Router({ prefix: '/search' });

function renderResults(term, products) {
  const items = products
    .map((p) => `<li>${escapeHtml(p.name)} — ${escapeHtml(String(p.price))}</li>`)
    .join('');
  return `<!doctype html><html><body><h1>Results for ${escapeHtml(term)}</h1><ul>${items}</ul></body></html>`;
}

router.get('/', async (ctx) => {
  const term = String(ctx.query.q || '');
  const products = await searchProducts(term);
  ctx.type = 'html';
  ctx.body = renderResults(term, products);
});

module.exports = router;
