const Router = require('@koa/router');
const { loadOrder } = require('../orders');

const router = new Router({ prefix: '/rules' });

function evaluateCondition(condition, order) {
  const { total, country, items } = order;
  return Boolean(eval(condition));
}

router.post('/preview', async (ctx) => {
  const { condition, orderId } = ctx.request.body;
  const order = await loadOrder(orderId);
  if (!order) {
    ctx.throw(404, 'order not found');
  }
  ctx.body = { matches: evaluateCondition(condition, order) };
});

module.exports = router;
