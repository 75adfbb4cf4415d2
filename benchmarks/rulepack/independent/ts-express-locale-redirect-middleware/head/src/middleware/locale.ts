import type { NextFunction, Request, Response } from 'express';

const LOCALES = ['en', 'de', 'fr'];

export function localeSwitch(req: Request, res: Response, next: NextFunction): void {
  const lang = req.query.lang;
  if (typeof lang !== 'string') {
    next();
    return;
  }
  if (!LOCALES.includes(lang)) {
    res.status(400).send('unsupported locale');
    return;
  }
  res.cookie('lang', lang, { maxAge: 365 * 24 * 3600 * 1000, sameSite: 'lax' });
  const back = (req.query.returnTo as string) || req.get('referer') || '/';
  res.redirect(back);
}
