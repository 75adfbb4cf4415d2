'use strict';

module.exports = async function placesRoutes(fastify) {
  fastify.get('/places/:id', async (request, reply) => {
    const place = await fastify.db.places.findById(request.params.id);
    if (!place) return reply.code(404).send({ error: 'not found' });
    return place;
  });
};
