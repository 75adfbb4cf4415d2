import { cookies } from 'next/headers';
import { NextRequest, NextResponse } from 'next/server';

export async function GET(request: NextRequest) {
  cookies().delete('session');
  const callbackUrl = request.nextUrl.searchParams.get('callbackUrl') ?? '/';
  return NextResponse.redirect(new URL(callbackUrl, request.url));
}
