const { exec } = require('child_process');
const path = require('path');
const express = require('express');

const router = express.Router();
const UPLOADS = path.join(__dirname, '..', '..', 'uploads');

function transcode(input, format, bitrate) {
  const output = `${input}.${format}`;
  return new Promise((resolve, reject) => {
    exec(`ffmpeg -y -i "${input}" -b:a ${bitrate} "${output}"`, { timeout: 60000 }, (err) => {
      if (err) return reject(err);
      resolve(output);
    });
  });
}

router.post('/transcode', express.json(), async (req, res) => {
  const { file, format = 'mp3', bitrate = '128k' } = req.body;
  try {
    const out = await transcode(path.join(UPLOADS, file), format, bitrate);
    res.json({ output: path.basename(out) });
  } catch (e) {
    res.status(500).json({ error: 'transcode failed' });
  }
});

module.exports = router;
