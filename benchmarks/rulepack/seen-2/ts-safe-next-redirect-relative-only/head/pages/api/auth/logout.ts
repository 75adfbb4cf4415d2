import type { NextApiRequest, NextApiResponse } from 'next';
import { serialize } from 'cookie';

const SESSION_COOKIE = 'sid';

function localPath(value: unknown): string {
  if (typeof value !== 'string') return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.setHeader('Allow', 'GET, POST');
    return res.status(405).end();
  }
  res.setHeader(
    'Set-Cookie',
    serialize(SESSION_COOKIE, '', { path: '/', httpOnly: true, secure: true, maxAge: 0 }),
  );
  res.redirect(302, localPath(req.query.returnTo));
}
