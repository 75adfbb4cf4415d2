const express = require("express");
const router = express.Router();
const axios = require("axios");
const sharp = require("sharp");

router.post("/avatar/from-url", async (req, res) => {
  const { imageUrl } = req.body;
  const response = await axios.get(imageUrl, { responseType: "arraybuffer", timeout: 5000 });
  const thumb = await sharp(response.data).resize(128, 128).png().toBuffer();
  res.type("png").send(thumb);
});

module.exports = router;
