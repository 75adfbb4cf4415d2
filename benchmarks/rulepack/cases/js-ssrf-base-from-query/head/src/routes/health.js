const express = require('express');
const axios = require('axios');

const router = express.Router();

router.get('/admin/health-check', async (req, res) => {
  const service = req.query.service || 'http://localhost:8080';
  try {
    const { status } = await axios.get(`${service}/healthz`, { timeout: 2000 });
    res.json({ service, status });
  } catch (err) {
    res.json({ service, status: 'down' });
  }
});

module.exports = router;
