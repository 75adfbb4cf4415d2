import type { NextApiRequest, NextApiResponse } from 'next';
import { serialize } from 'cookie';

const SESSION_COOKIE = 'sid';

function clearSession(res: NextApiResponse): void {
  res.setHeader(
    'Set-Cookie',
    serialize(SESSION_COOKIE, '', { path: '/', httpOnly: true, secure: true, maxAge: 0 }),
  );
}

export default function handler(req: NextApiRequest, res: NextApiResponse) {
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.setHeader('Allow', 'GET, POST');
    return res.status(405).end();
  }
  clearSession(res);
  const returnTo = (req.query.returnTo as string) || '/';
  res.redirect(302, returnTo);
}
