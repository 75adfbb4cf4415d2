import Router from '@koa/router';
import { searchArticles } from '../services/articles';

const router = new Router();

function layout(title: string, body: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`;
}

router.get('/search', async (ctx) => {
  const q = String(ctx.query.q ?? '');
  const hits = await searchArticles(q);
  const items = hits.map((a) => `<li><a href="/a/${a.id}">${a.title}</a></li>`).join('');
  ctx.type = 'html';
  ctx.body = layout('Search', `<h1>Results for ${q}</h1><ul>${items}</ul>`);
});

export default router;
