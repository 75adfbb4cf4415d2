'use strict';

const Fastify = require('fastify');

const fastify = Fastify({
  logger: { level: process.env.LOG_LEVEL || 'info' },
  trustProxy: true,
});

fastify.register(require('./plugins/auth'));
fastify.register(require('./routes/projects'), { prefix: '/api' });

module.exports = fastify;
