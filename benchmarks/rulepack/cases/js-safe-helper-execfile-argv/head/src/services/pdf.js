const { execFile } = require("child_process");
const path = require("path");
const express = require("express");

const router = express.Router();

function pageCount(file) {
  return new Promise((resolve, reject) => {
    execFile("pdfinfo", ["--", path.join("/data/pdf", path.basename(file))], (err, stdout) => {
      if (err) return reject(err);
      const m = /Pages:\s+(\d+)/.exec(stdout);
      resolve(m ? Number(m[1]) : 0);
    });
  });
}

router.get("/pdf/pages", async (req, res, next) => {
  try {
    res.json({ pages: await pageCount(String(req.query.file)) });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
