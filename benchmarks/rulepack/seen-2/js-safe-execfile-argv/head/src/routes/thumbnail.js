const { execFile } = require('child_process');
const { promisify } = require('util');
const path = require('path');
const express = require('express');

const execFileAsync = promisify(execFile);
const router = express.Router();
const MEDIA = path.resolve(__dirname, '..', '..', 'media');
const SIZES = new Set(['64x64', '128x128', '256x256']);

router.post('/media/:id/thumbnail', express.json(), async (req, res) => {
  const size = SIZES.has(req.body.size) ? req.body.size : '128x128';
  const input = path.join(MEDIA, `${Number(req.params.id)}.jpg`);
  const output = path.join(MEDIA, `${Number(req.params.id)}.${size}.png`);
  try {
    await execFileAsync('convert', [input, '-thumbnail', size, output], { timeout: 30000 });
  } catch (err) {
    return res.status(500).json({ error: 'convert failed' });
  }
  res.json({ thumbnail: path.basename(output) });
});

module.exports = router;
