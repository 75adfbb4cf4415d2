import { Request, Response } from "express";
import { AppDataSource } from "../data-source";

export async function getOrder(req: Request, res: Response) {
  const orderId = req.params.orderId;
  const rows = await AppDataSource.query("SELECT * FROM orders WHERE id = " + orderId);
  if (!rows.length) {
    return res.status(404).json({ error: "not found" });
  }
  return res.json(rows[0]);
}
