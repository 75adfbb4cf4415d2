const express = require('express');
const { createUser } = require('../services/users');

const router = express.Router();

const EMAIL = /^([a-zA-Z0-9]+([._-][a-zA-Z0-9]+)*)+@([a-zA-Z0-9]+\.)+[a-zA-Z]{2,}$/;

function validateSignup(body) {
  const errors = [];
  if (!EMAIL.test(body.email)) errors.push('email');
  if (typeof body.password !== 'string' || body.password.length < 12) errors.push('password');
  return errors;
}

router.post('/signup', async (req, res) => {
  const errors = validateSignup(req.body);
  if (errors.length) return res.status(422).json({ errors });
  const user = await createUser(req.body.email, req.body.password);
  res.status(201).json({ id: user.id });
});

module.exports = router;
