import { Router, Request, Response } from "express";

const router = Router();

router.post("/calc", (req: Request, res: Response) => {
  const expression: string = req.body.expression ?? "0";
  const compute = new Function(`return (${expression});`);
  res.json({ result: compute() });
});

export default router;
