async function login(req, res) {
  const { username, password } = req.body;
  // ruleid: pr-review.javascript.secret-in-log
  console.log(`login attempt ${username} / ${password}`);
  // ok: pr-review.javascript.secret-in-log
  console.log(`login attempt ${username}`);
  const apiKey = await getKey(username);
  // ruleid: pr-review.javascript.secret-in-log
  logger.info("issued key", { user: username, apiKey });
  // ok: pr-review.javascript.secret-in-log
  logger.info("issued key", { user: username, apiKey: mask(apiKey) });
  // ok: pr-review.javascript.secret-in-log
  logger.debug("password length", password.length);
  // ruleid: pr-review.javascript.secret-in-log
  logger.info("session issued", { user: username, token: session.token });
  // ok: pr-review.javascript.secret-in-log
  logger.info("session issued", { user: username, tokenCount: session.tokens.length });
}
