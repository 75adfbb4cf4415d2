const fs = require('node:fs');
const path = require('node:path');

const EXPORT_ROOT = path.resolve(process.env.EXPORT_ROOT || '/var/lib/app/exports');

function resolveExport(name) {
  const full = path.resolve(EXPORT_ROOT, name);
  if (!full.startsWith(EXPORT_ROOT + path.sep)) {
    return null;
  }
  return full;
}

module.exports = async function exportRoutes(fastify) {
  fastify.get('/exports/:name', async (request, reply) => {
    const file = resolveExport(request.params.name);
    if (!file || !fs.existsSync(file)) {
      return reply.code(404).send({ error: 'not found' });
    }
    return reply.type('application/zip').send(fs.createReadStream(file));
  });
};
