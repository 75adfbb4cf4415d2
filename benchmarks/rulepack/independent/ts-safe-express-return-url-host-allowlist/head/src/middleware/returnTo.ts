import type { NextFunction, Request, Response } from 'express';

const ALLOWED_HOSTS = new Set(['app.example.com', 'docs.example.com']);

function safeReturnUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw === '') return '/';
  try {
    const url = new URL(raw, 'https://app.example.com');
    if (url.protocol === 'https:' && ALLOWED_HOSTS.has(url.hostname)) {
      return url.toString();
    }
  } catch {
    // fall through to the default
  }
  return '/';
}

export function afterLogin(req: Request, res: Response, next: NextFunction): void {
  if (!req.session?.userId) {
    next();
    return;
  }
  res.redirect(safeReturnUrl(req.query.returnTo));
}
