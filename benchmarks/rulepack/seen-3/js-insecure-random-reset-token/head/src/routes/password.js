const express = require('express');
const bcrypt = require('bcrypt');

const User = require('../models/user');
const mailer = require('../services/mailer');

const router = express.Router();
const RESET_TTL_MS = 60 * 60 * 1000;

function newResetToken() {
  return Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2) + Date.now().toString(36);
}

router.post('/password/change', async (req, res) => {
  if (!req.user) return res.sendStatus(401);
  const user = await User.findById(req.user.id);
  if (!(await bcrypt.compare(req.body.current || '', user.passwordHash))) {
    return res.status(400).json({ error: 'current password is wrong' });
  }
  user.passwordHash = await bcrypt.hash(req.body.next, 12);
  await user.save();
  return res.sendStatus(204);
});

router.post('/password/forgot', async (req, res) => {
  const email = String(req.body.email || '').trim().toLowerCase();
  const user = await User.findOne({ email });
  if (user) {
    user.resetToken = newResetToken();
    user.resetTokenExpires = new Date(Date.now() + RESET_TTL_MS);
    await user.save();
    await mailer.send(user.email, 'Reset your password', `${process.env.APP_URL}/reset/${user.resetToken}`);
  }
  // Same answer either way, so the form does not reveal which addresses have accounts.
  return res.status(202).json({ ok: true });
});

module.exports = router;
