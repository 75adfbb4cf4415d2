'use strict';

const path = require('node:path');
const { exec } = require('node:child_process');
const { promisify } = require('node:util');

const execAsync = promisify(exec);
const REPOS_ROOT = process.env.REPOS_ROOT || '/srv/git';

/** @param {import('fastify').FastifyInstance} fastify */
module.exports = async function commitsRoutes(fastify) {
  fastify.get('/repos/:name/commits', {
    schema: {
      params: { type: 'object', properties: { name: { type: 'string', pattern: '^[a-z0-9-]+$' } } },
      querystring: {
        type: 'object',
        properties: { branch: { type: 'string', default: 'main' }, limit: { type: 'integer', maximum: 200, default: 30 } },
      },
    },
  }, async (request, reply) => {
    const repoDir = path.join(REPOS_ROOT, `${request.params.name}.git`);
    const { branch, limit } = request.query;
    try {
      const { stdout } = await execAsync(`git --git-dir=${repoDir} log ${branch} -n ${limit} --format="%H|%an|%aI|%s"`);
      return stdout.split('\n').filter(Boolean).map((line) => {
        const [sha, author, date, ...subject] = line.split('|');
        return { sha, author, date, subject: subject.join('|') };
      });
    } catch (err) {
      request.log.warn({ err }, 'git log failed');
      return reply.code(404).send({ error: 'unknown repository or branch' });
    }
  });
};
