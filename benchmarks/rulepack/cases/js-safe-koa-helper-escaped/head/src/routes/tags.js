const Router = require('@koa/router');
const escapeHtml = require('escape-html');
const { postsByTag } = require('../db/posts');

const router = new Router();

function tagPage(tag, posts) {
  const rows = posts.map((p) => `<li><a href="/p/${Number(p.id)}">${escapeHtml(p.title)}</a></li>`).join('');
  return `<!doctype html><h1>Posts tagged ${escapeHtml(tag)}</h1><ul>${rows}</ul>`;
}

router.get('/tags/:tag', async (ctx) => {
  const posts = await postsByTag(ctx.params.tag);
  ctx.type = 'html';
  ctx.body = tagPage(ctx.params.tag, posts);
});

module.exports = router;
