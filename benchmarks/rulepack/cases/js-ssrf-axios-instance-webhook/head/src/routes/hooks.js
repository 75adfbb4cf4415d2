const axios = require("axios");
const express = require("express");

const router = express.Router();
const http = axios.create({ timeout: 3000, maxRedirects: 0 });

router.post("/integrations/test", async (req, res) => {
  const { endpoint, secretHeader } = req.body;
  try {
    const r = await http.post(endpoint, { type: "test" }, { headers: { "X-Hook-Secret": secretHeader } });
    res.json({ delivered: r.status < 400 });
  } catch (err) {
    res.status(502).json({ delivered: false });
  }
});

module.exports = router;
