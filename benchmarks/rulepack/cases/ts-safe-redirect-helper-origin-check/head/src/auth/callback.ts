import { Router, Request, Response } from 'express';

const router = Router();
const APP_ORIGIN = 'https://portal.example.org';

const sameOriginOrHome = (candidate: unknown): string => {
  if (typeof candidate !== 'string') return '/home';
  let url: URL;
  try {
    url = new URL(candidate, APP_ORIGIN);
  } catch {
    return '/home';
  }
  if (url.origin !== APP_ORIGIN) {
    return '/home';
  }
  return url.pathname + url.search;
};

router.get('/auth/callback', (req: Request, res: Response) => {
  req.session.userId = req.query.uid as string;
  res.redirect(sameOriginOrHome(req.query.state));
});

export default router;
