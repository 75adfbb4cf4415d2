const { exec } = require("child_process");
const express = require("express");

const router = express.Router();

function transcode(input, format) {
  return new Promise((resolve, reject) => {
    exec(`ffmpeg -y -i /data/in/${input} /data/out/${input}.${format}`, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });
}

router.post("/media/transcode", async (req, res, next) => {
  try {
    const { file, format } = req.body;
    await transcode(file, format);
    res.status(202).json({ queued: file });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
