const crypto = require('node:crypto');
const Router = require('@koa/router');

const users = require('../repositories/users');
const resets = require('../repositories/password-resets');
const mailer = require('../services/mailer');

const router = new Router();
const RESET_TTL_MS = 30 * 60 * 1000;

const sha256 = (value) => crypto.createHash('sha256').update(value).digest('hex');

router.post('/password/forgot', async (ctx) => {
  const email = String(ctx.request.body?.email ?? '').trim().toLowerCase();
  const user = await users.findByEmail(email);
  if (user) {
    const token = crypto.randomBytes(32).toString('base64url');
    await resets.create({ userId: user.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) });
    await mailer.send(user.email, 'Reset your password', `${process.env.APP_URL}/reset?token=${token}`);
  }
  ctx.status = 202;
  ctx.body = { ok: true };
});

router.post('/password/reset', async (ctx) => {
  const { token, password } = ctx.request.body ?? {};
  if (typeof token !== 'string' || typeof password !== 'string' || password.length < 12) {
    ctx.throw(400, 'token and a password of at least 12 characters are required');
  }
  const reset = await resets.consume(sha256(token));
  if (!reset || reset.expiresAt < new Date()) {
    ctx.throw(400, 'this reset link is invalid or has expired');
  }
  await users.setPassword(reset.userId, password);
  ctx.status = 204;
});

module.exports = router;
