import { NextRequest, NextResponse } from 'next/server';

const LOCALES = new Set(['en', 'fr', 'de']);

function sameSitePath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return '/';
  }
  return value;
}

export async function POST(request: NextRequest) {
  const form = await request.formData();
  const locale = String(form.get('locale'));
  const response = NextResponse.redirect(new URL(sameSitePath(form.get('back') as string | null), request.url));
  if (LOCALES.has(locale)) {
    response.cookies.set('locale', locale, { path: '/', sameSite: 'lax' });
  }
  return response;
}
