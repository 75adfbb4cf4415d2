const Router = require('@koa/router');

const { requireRole } = require('../auth');
const rules = require('../services/pricing-rules');

const router = new Router({ prefix: '/api/pricing' });

const VARIABLES = ['base', 'qty', 'weight', 'distance'];

function compileFormula(source) {
  // Formulas are written by merchants in the rule editor, e.g. "base * qty + (weight > 5 ? 4.9 : 0)".
  return new Function(...VARIABLES, `"use strict"; return (${source});`);
}

router.get('/rules', requireRole('merchant'), async (ctx) => {
  ctx.body = await rules.listForShop(ctx.state.user.shopId);
});

router.post('/preview', requireRole('merchant'), async (ctx) => {
  const { formula, sample = {} } = ctx.request.body;
  if (typeof formula !== 'string' || formula.length > 500) {
    ctx.throw(400, 'formula must be a string of at most 500 characters');
  }
  let price;
  try {
    price = compileFormula(formula)(...VARIABLES.map((name) => Number(sample[name] ?? 0)));
  } catch (err) {
    ctx.throw(422, `formula error: ${err.message}`);
  }
  ctx.body = { price: Math.round(Number(price) * 100) / 100 };
});

module.exports = router;
