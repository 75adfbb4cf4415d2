import type { Request, Response } from "express";

const APP_ORIGIN = "https://app.example.com";

export function authCallback(req: Request, res: Response): void {
  const raw = String(req.query.returnTo ?? "/");
  let dest: URL;
  try {
    dest = new URL(raw, APP_ORIGIN);
  } catch {
    res.redirect("/");
    return;
  }
  if (dest.origin !== APP_ORIGIN) {
    res.redirect("/");
    return;
  }
  res.redirect(dest.toString());
}
