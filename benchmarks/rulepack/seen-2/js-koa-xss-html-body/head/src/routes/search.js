const Router = require('@koa/router');
const { searchProducts } = require('../services/catalog');

const router = new Router({ prefix: '/search' });

function renderResults(term, products) {
  const items = products.map((p) => `<li>${p.name} — ${p.price}</li>`).join('');
  return `<!doctype html>
<html><body>
  <h1>Results for ${term}</h1>
  <ul>${items}</ul>
</body></html>`;
}

router.get('/', async (ctx) => {
  const term = ctx.query.q || '';
  const products = await searchProducts(String(term));
  ctx.type = 'html';
  ctx.body = renderResults(term, products);
});

module.exports = router;
