import { Router, Request, Response } from "express";
import path from "path";
import fs from "fs/promises";

const router = Router();
const EXPORT_ROOT = path.resolve(process.env.EXPORT_ROOT ?? "/srv/exports");

router.get("/exports/:name", async (req: Request, res: Response) => {
  const file = path.resolve(EXPORT_ROOT, String(req.params.name));
  if (!file.startsWith(EXPORT_ROOT + path.sep)) {
    return res.status(403).json({ error: "forbidden" });
  }
  res.type("application/octet-stream");
  res.send(await fs.readFile(file));
});

export default router;
