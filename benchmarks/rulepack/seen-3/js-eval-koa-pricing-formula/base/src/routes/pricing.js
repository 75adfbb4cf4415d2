const Router = require('@koa/router');

const { requireRole } = require('../auth');
const rules = require('../services/pricing-rules');

const router = new Router({ prefix: '/api/pricing' });

router.get('/rules', requireRole('merchant'), async (ctx) => {
  ctx.body = await rules.listForShop(ctx.state.user.shopId);
});

module.exports = router;
