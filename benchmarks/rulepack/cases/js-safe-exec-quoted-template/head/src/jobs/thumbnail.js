const { exec } = require('child_process');
const { quote } = require('shell-quote');

const THUMB_DIR = '/var/cache/thumbs';

function makeThumbnail(source, width) {
  const size = Number(width) || 128;
  return new Promise((resolve, reject) => {
    exec(`convert ${quote([source])} -thumbnail ${size}x${size} ${THUMB_DIR}/out.png`, (err) => {
      if (err) return reject(err);
      resolve(`${THUMB_DIR}/out.png`);
    });
  });
}

module.exports = { makeThumbnail };
