// Local development uses the documented example key id; production reads the real one from the env.
const DOCS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';

module.exports = {
  region: process.env.AWS_REGION || 'us-east-1',
  accessKeyId: process.env.AWS_ACCESS_KEY_ID || DOCS_KEY_ID,
  secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,
};
