'use strict';

const Fastify = require('fastify');

const apiKeys = require('./services/api-keys');

const fastify = Fastify({
  logger: {
    level: process.env.LOG_LEVEL || 'info',
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', '*.password', '*.secret'],
      censor: '[redacted]',
    },
  },
  trustProxy: true,
});

fastify.register(require('./plugins/auth'));
fastify.register(require('./routes/projects'), { prefix: '/api' });

fastify.post('/api/keys', { preHandler: fastify.authenticate }, async (request, reply) => {
  const label = String(request.body?.label ?? '').slice(0, 80) || 'unnamed key';
  const key = await apiKeys.create({ userId: request.user.id, label });
  request.log.info({ userId: request.user.id, keyId: key.id, label, keyHint: `…${key.secret.slice(-4)}` }, 'api key created');
  // The secret is shown once, to its owner; only its hash is stored.
  return reply.code(201).send({ id: key.id, label, secret: key.secret });
});

module.exports = fastify;
