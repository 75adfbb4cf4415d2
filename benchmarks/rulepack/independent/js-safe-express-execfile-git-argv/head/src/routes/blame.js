const express = require('express');
const { execFile } = require('child_process');
const { promisify } = require('util');

const execFileAsync = promisify(execFile);
const router = express.Router();
const REPO = process.env.DOCS_REPO || '/srv/docs';

router.get('/blame', async (req, res) => {
  const file = String(req.query.file || '');
  if (!file || file.startsWith('-')) {
    return res.status(400).json({ error: 'file required' });
  }
  try {
    const { stdout } = await execFileAsync('git', ['-C', REPO, 'blame', '--porcelain', '--', file], { maxBuffer: 4 << 20 });
    res.type('text/plain').send(stdout);
  } catch (err) {
    res.status(404).json({ error: 'not found' });
  }
});

module.exports = router;
