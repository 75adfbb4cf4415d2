import { promises as fs } from 'fs';
import path from 'path';
import { Router } from 'express';

const router = Router();
const ATTACHMENTS = path.resolve(process.env.ATTACHMENT_DIR ?? '/var/lib/app/attachments');

function insideAttachments(name: string): string {
  const full = path.resolve(ATTACHMENTS, name);
  if (path.relative(ATTACHMENTS, full).startsWith('..') || path.isAbsolute(path.relative(ATTACHMENTS, full))) {
    throw new Error('outside attachment directory');
  }
  return full;
}

router.get('/attachments/:name', async (req, res, next) => {
  try {
    const data = await fs.readFile(insideAttachments(req.params.name));
    res.type('application/octet-stream').send(data);
  } catch (err) {
    next(err);
  }
});

export default router;
