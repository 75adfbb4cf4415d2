import { Router, Request, Response } from "express";

const router = Router();

function isLocalPath(target: unknown): target is string {
  return typeof target === "string" && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\");
}

router.post("/session/end", (req: Request, res: Response) => {
  const returnTo = req.query.returnTo;
  req.session?.destroy(() => undefined);
  if (!isLocalPath(returnTo)) {
    return res.redirect("/");
  }
  return res.redirect(returnTo);
});

export default router;
