import type { NextApiRequest, NextApiResponse } from 'next';
import * as cheerio from 'cheerio';

type Preview = {
  url: string;
  title: string | null;
  description: string | null;
  image: string | null;
};

function meta($: cheerio.CheerioAPI, name: string): string | null {
  return $(`meta[property="og:${name}"]`).attr('content') ?? $(`meta[name="${name}"]`).attr('content') ?? null;
}

export default async function handler(req: NextApiRequest, res: NextApiResponse<Preview | { error: string }>) {
  const target = typeof req.query.url === 'string' ? req.query.url.trim() : '';
  if (!/^https?:\/\//i.test(target)) {
    return res.status(400).json({ error: 'url must start with http:// or https://' });
  }

  let html: string;
  try {
    const upstream = await fetch(target, {
      headers: { 'user-agent': 'ChatLinkPreview/1.2 (+https://chat.example.com/bot)' },
      redirect: 'follow',
      signal: AbortSignal.timeout(5000),
    });
    html = await upstream.text();
  } catch {
    return res.status(502).json({ error: 'could not fetch the page' });
  }

  const $ = cheerio.load(html);
  res.setHeader('Cache-Control', 's-maxage=3600, stale-while-revalidate');
  return res.status(200).json({
    url: target,
    title: meta($, 'title') ?? ($('title').first().text() || null),
    description: meta($, 'description'),
    image: meta($, 'image'),
  });
}
