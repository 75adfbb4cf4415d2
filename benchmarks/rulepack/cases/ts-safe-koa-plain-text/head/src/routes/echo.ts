import Router from '@koa/router';

const router = new Router();

router.get('/echo', async (ctx) => {
  const message = String(ctx.query.message ?? '');
  ctx.type = 'text/plain';
  ctx.body = `You said: ${message}`;
});

export default router;
