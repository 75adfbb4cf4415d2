const { exec } = require('child_process');
const { promisify } = require('util');
const router = require('express').Router();

const execAsync = promisify(exec);

async function renderPdf(url, outFile) {
  const command = 'wkhtmltopdf --quiet ' + url + ' ' + outFile;
  await execAsync(command, { timeout: 30000 });
  return outFile;
}

router.post('/export', async (req, res) => {
  const file = await renderPdf(req.body.url, `/tmp/export-${Date.now()}.pdf`);
  res.download(file);
});

module.exports = router;
