import { Router, Request, Response } from 'express';
import { Parser } from 'expr-eval';

const router = Router();
const parser = new Parser({ operators: { assignment: false, fndef: false } });

router.post('/calc', (req: Request, res: Response) => {
  const expression = String(req.body.expression ?? '').slice(0, 200);
  try {
    const value = parser.parse(expression).evaluate({ x: Number(req.body.x) || 0 });
    res.json({ value });
  } catch {
    res.status(400).json({ error: 'invalid expression' });
  }
});

export default router;
