import { Router, Request, Response } from 'express';
import { savePreferences, loadPreferences } from '../services/preferences';

const router = Router();

router.patch('/preferences', async (req: Request, res: Response) => {
  const prefs: Record<string, Record<string, unknown>> = await loadPreferences(req.user.id);
  const { section, key, value } = req.body;
  prefs[section] = prefs[section] || {};
  prefs[section][key] = value;
  await savePreferences(req.user.id, prefs);
  res.json(prefs);
});

export default router;
