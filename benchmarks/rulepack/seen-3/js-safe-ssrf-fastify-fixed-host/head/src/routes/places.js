'use strict';

const GEOCODER = 'https://nominatim.openstreetmap.org/search';

module.exports = async function placesRoutes(fastify) {
  fastify.get('/places/:id', async (request, reply) => {
    const place = await fastify.db.places.findById(request.params.id);
    if (!place) return reply.code(404).send({ error: 'not found' });
    return place;
  });

  fastify.get('/places/geocode', {
    schema: {
      querystring: {
        type: 'object',
        required: ['q'],
        properties: { q: { type: 'string', minLength: 2, maxLength: 200 }, country: { type: 'string', pattern: '^[a-z]{2}$' } },
      },
    },
  }, async (request, reply) => {
    const url = new URL(GEOCODER);
    url.searchParams.set('q', request.query.q);
    url.searchParams.set('format', 'jsonv2');
    url.searchParams.set('limit', '5');
    if (request.query.country) url.searchParams.set('countrycodes', request.query.country);
    const res = await fetch(url, { headers: { 'user-agent': 'PlacesService/2.3 (ops@example.com)' }, signal: AbortSignal.timeout(4000) });
    if (!res.ok) return reply.code(502).send({ error: 'geocoder unavailable' });
    const hits = await res.json();
    return hits.map((h) => ({ name: h.display_name, lat: Number(h.lat), lon: Number(h.lon) }));
  });
};
