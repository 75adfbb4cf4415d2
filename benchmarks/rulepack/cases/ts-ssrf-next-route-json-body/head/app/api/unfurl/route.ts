import { NextResponse } from 'next/server';

export async function POST(req: Request) {
  const { link } = (await req.json()) as { link: string };
  const page = await fetch(link, { redirect: 'follow', cache: 'no-store' });
  const html = await page.text();
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? link;
  return NextResponse.json({ title });
}
