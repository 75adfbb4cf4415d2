const Router = require("@koa/router");

const router = new Router();

router.get("/sso/complete", async (ctx) => {
  await ctx.state.sso.finish(ctx);
  const next = ctx.query.next || "/";
  ctx.redirect(next);
});

module.exports = router;
