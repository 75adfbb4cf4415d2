const crypto = require('crypto');
const db = require('../db');

async function issueApiKey(userId, label) {
  const secret = crypto.randomBytes(32).toString('base64url');
  const digest = crypto.createHash('sha256').update(secret).digest('hex');
  await db.apiKeys.insert({ userId, label, digest, createdAt: new Date() });
  return `ak_${secret}`;
}

async function revokeApiKey(userId, id) {
  await db.apiKeys.delete({ id, userId });
}

module.exports = { issueApiKey, revokeApiKey };
