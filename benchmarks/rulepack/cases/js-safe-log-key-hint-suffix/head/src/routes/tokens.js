const express = require('express');
const logger = require('../logger');
const personalTokens = require('../services/personal-tokens');

const router = express.Router();

router.post('/tokens', async (req, res) => {
  const name = String(req.body.name || '').slice(0, 64);
  const token = await personalTokens.issue({ userId: req.user.id, name });
  logger.info('personal token issued', {
    userId: req.user.id,
    tokenId: token.id,
    hint: token.value.slice(-4),
  });
  res.status(201).json({ id: token.id, value: token.value });
});

module.exports = router;
