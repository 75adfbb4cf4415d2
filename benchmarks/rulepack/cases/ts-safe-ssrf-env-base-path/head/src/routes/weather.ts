import { Router, Request, Response } from 'express';

const router = Router();
const WEATHER_API = process.env.WEATHER_API_URL ?? 'https://weather.example.net';

router.get('/weather/:city', async (req: Request, res: Response) => {
  const upstream = await fetch(`${WEATHER_API}/v1/current/${encodeURIComponent(req.params.city)}?units=metric`);
  if (!upstream.ok) {
    return res.status(502).json({ error: 'upstream error' });
  }
  res.json(await upstream.json());
});

export default router;
