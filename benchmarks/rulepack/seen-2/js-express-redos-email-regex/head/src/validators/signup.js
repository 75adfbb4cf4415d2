const express = require('express');
const { createUser } = require('../services/users');

const router = express.Router();

const EMAIL_RE = /^([a-zA-Z0-9]+\.?)+@([a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}$/;

function validateSignup(body) {
  const errors = [];
  if (!body.email || !EMAIL_RE.test(body.email)) {
    errors.push('email');
  }
  if (!body.password || body.password.length < 12) {
    errors.push('password');
  }
  return errors;
}

router.post('/signup', express.json({ limit: '10kb' }), async (req, res) => {
  const errors = validateSignup(req.body);
  if (errors.length) {
    return res.status(422).json({ errors });
  }
  const user = await createUser(req.body.email, req.body.password);
  res.status(201).json({ id: user.id });
});

module.exports = router;
