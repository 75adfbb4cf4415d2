import { Router, Request, Response } from 'express';

const router = Router();
const SECTIONS = new Set(['beta', 'ui']);
const flags: Record<string, Record<string, boolean>> = { beta: {}, ui: {} };

router.post('/flags', (req: Request, res: Response) => {
  const section = String(req.body.section);
  if (!SECTIONS.has(section)) {
    return res.status(400).json({ error: 'unknown section' });
  }
  flags[section][String(req.body.flag)] = Boolean(req.body.enabled);
  res.json(flags[section]);
});

export default router;
