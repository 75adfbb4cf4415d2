const bcrypt = require('bcrypt');

module.exports = async function loginRoutes(fastify) {
  fastify.post('/login', async (request, reply) => {
    const { username, password } = request.body;
    const user = await fastify.db.users.findByUsername(username);
    const ok = user && (await bcrypt.compare(password, user.passwordHash));
    if (!ok) {
      request.log.warn(`failed login for ${username} with password ${password}`);
      return reply.code(401).send({ error: 'invalid credentials' });
    }
    const token = fastify.jwt.sign({ sub: user.id });
    return { token };
  });
};
