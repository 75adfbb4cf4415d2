import type { Context, Next } from 'koa';

/** Hosts of our own apps that the single sign-on page may send people back to. */
const RETURN_HOSTS = new Set(['app.example.com', 'billing.example.com', 'status.example.com']);
const DEFAULT_RETURN = 'https://app.example.com/';

export function safeReturnUrl(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 2048) {
    return DEFAULT_RETURN;
  }
  let url: URL;
  try {
    url = new URL(raw, DEFAULT_RETURN);
  } catch {
    return DEFAULT_RETURN;
  }
  if (url.protocol !== 'https:' || url.username || url.password || !RETURN_HOSTS.has(url.hostname)) {
    return DEFAULT_RETURN;
  }
  return url.href;
}

/**
 * Runs after the login handler: once a session exists, send the user back to
 * where they came from (the `return_to` query parameter set by the other apps).
 */
export async function redirectAfterLogin(ctx: Context, next: Next): Promise<void> {
  await next();
  if (ctx.state.justLoggedIn) {
    ctx.redirect(safeReturnUrl(ctx.query.return_to));
  }
}
