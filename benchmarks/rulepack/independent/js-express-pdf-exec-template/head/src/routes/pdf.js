const express = require('express');
const { exec } = require('child_process');
const path = require('path');
const os = require('os');

const router = express.Router();

function renderPdf(url, outFile) {
  return new Promise((resolve, reject) => {
    exec(`wkhtmltopdf --quiet "${url}" ${outFile}`, { timeout: 30000 }, (err) => {
      if (err) return reject(err);
      resolve(outFile);
    });
  });
}

router.post('/pdf', async (req, res, next) => {
  try {
    const out = path.join(os.tmpdir(), `page-${Date.now()}.pdf`);
    await renderPdf(req.body.url, out);
    res.download(out, 'page.pdf');
  } catch (err) {
    next(err);
  }
});

module.exports = router;
