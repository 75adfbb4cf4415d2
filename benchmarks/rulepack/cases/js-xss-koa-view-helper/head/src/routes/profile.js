const Router = require('@koa/router');
const { findUser } = require('../db/users');

const router = new Router();

function profilePage(user, tab) {
  return `<!doctype html>
<html>
  <body>
    <h1>${user.displayName}</h1>
    <nav data-tab="${tab}">Profile</nav>
  </body>
</html>`;
}

router.get('/u/:name', async (ctx) => {
  const user = await findUser(ctx.params.name);
  ctx.set('Content-Type', 'text/html; charset=utf-8');
  ctx.body = profilePage(user, ctx.query.tab || 'overview');
});

module.exports = router;
