import { Router, Request, Response } from "express";

const router = Router();
const UNFURL_HOSTS = ["www.youtube.com", "vimeo.com", "gist.github.com"];

router.get("/unfurl", async (req: Request, res: Response) => {
  let target: URL;
  try {
    target = new URL(String(req.query.url));
  } catch {
    return res.status(400).json({ error: "bad url" });
  }
  if (target.protocol !== "https:" || !UNFURL_HOSTS.includes(target.hostname)) {
    return res.status(400).json({ error: "host not supported" });
  }
  const upstream = await fetch(target, { redirect: "error" });
  res.json({ status: upstream.status, title: (await upstream.text()).match(/<title>([^<]{0,200})<\/title>/)?.[1] });
});

export default router;
