import { Router, Request, Response } from 'express';

const router = Router();
const APP_ORIGIN = 'https://app.example.com';
const ALLOWED_HOSTS = new Set(['app.example.com', 'docs.example.com']);

function safeReturnTo(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0) {
    return '/';
  }
  let parsed: URL;
  try {
    parsed = new URL(raw, APP_ORIGIN);
  } catch {
    return '/';
  }
  if (parsed.protocol !== 'https:' || !ALLOWED_HOSTS.has(parsed.host)) {
    return '/';
  }
  return parsed.toString();
}

router.get('/sso/complete', (req: Request, res: Response) => {
  if (!req.session?.userId) {
    return res.redirect('/login');
  }
  const target = safeReturnTo(req.query.returnTo);
  res.redirect(target);
});

export default router;
