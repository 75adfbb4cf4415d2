import type { FastifyInstance, FastifyRequest } from 'fastify';

type PreviewQuery = { title?: string };

export default async function previewRoutes(app: FastifyInstance) {
  app.get('/preview', async (request: FastifyRequest<{ Querystring: PreviewQuery }>, reply) => {
    const title = request.query.title ?? 'Untitled';
    return reply.code(200).type('text/html').send(`<html><head><title>${title}</title></head></html>`);
  });
}
