import { spawn } from "node:child_process";
import type { Request, Response } from "express";

export function lintFile(req: Request, res: Response): void {
  const file = String(req.body.file ?? "");
  const child = spawn("eslint", ["--format", "json", "--", file], { cwd: "/srv/workspace", shell: false });
  let out = "";
  child.stdout.on("data", (chunk) => (out += chunk));
  child.on("close", (code) => res.status(code === 0 ? 200 : 422).type("json").send(out));
}
