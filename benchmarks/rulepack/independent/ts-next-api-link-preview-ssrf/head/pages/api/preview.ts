import type { NextApiRequest, NextApiResponse } from 'next';

type Preview = { title: string | null; description: string | null };

function pick(html: string, re: RegExp): string | null {
  const m = re.exec(html);
  return m ? m[1].trim() : null;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse<Preview | { error: string }>) {
  const target = typeof req.query.url === 'string' ? req.query.url : '';
  if (!/^https?:\/\//.test(target)) {
    return res.status(400).json({ error: 'url must be http(s)' });
  }
  const upstream = await fetch(target, { redirect: 'follow' });
  const html = (await upstream.text()).slice(0, 200_000);
  res.status(200).json({
    title: pick(html, /<title>([^<]{0,300})<\/title>/i),
    description: pick(html, /<meta name="description" content="([^"]{0,500})"/i),
  });
}
