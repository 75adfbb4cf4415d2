const express = require('express');
const logger = require('../logger');
const sessions = require('../services/sessions');

const router = express.Router();

router.post('/sessions/refresh', async (req, res) => {
  const refreshToken = req.body.refreshToken;
  const session = await sessions.refresh(refreshToken);
  logger.info('session refreshed', {
    userId: session.userId,
    refreshToken: refreshToken.trim(),
  });
  res.json({ accessToken: session.accessToken });
});

module.exports = router;
