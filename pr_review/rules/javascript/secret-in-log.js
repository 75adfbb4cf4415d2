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

async function createKey(request, apiKeys) {
  const key = await apiKeys.create({ userId: request.user.id });
  // ok: pr-review.javascript.secret-in-log
  request.log.info({ keyId: key.id, keyHint: `…${key.secret.slice(-4)}` }, "api key created");
  // ok: pr-review.javascript.secret-in-log
  logger.info("token issued", { prefix: key.token.substring(0, 4) });
  // ruleid: pr-review.javascript.secret-in-log
  logger.info("token issued", { token: key.token.slice(0, 40) });
  // ruleid: pr-review.javascript.secret-in-log
  request.log.info({ keyId: key.id, secret: key.secret }, "api key created");
}

async function revoke(req, tokenStore) {
  const revoked = await tokenStore.revokeAll(req.user.id);
  // ok: pr-review.javascript.secret-in-log
  logger.info("tokens revoked", { user: req.user.id, count: revoked.count });
  // ruleid: pr-review.javascript.secret-in-log
  logger.debug("bearer", req.headers.authorization.slice(7));
  // ruleid: pr-review.javascript.secret-in-log
  console.log("login", req.body.password.trim());
}

async function issuePersonalToken(req, personalTokens) {
  const token = await personalTokens.issue({ userId: req.user.id });
  // ok: pr-review.javascript.secret-in-log
  logger.info("token issued", { tokenId: token.id, owner: token.userId, hint: token.value.slice(-4) });
  // ruleid: pr-review.javascript.secret-in-log
  logger.info("token issued", { tokenId: token.id, value: token.value });
}
