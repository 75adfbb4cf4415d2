const express = require('express');
const bcrypt = require('bcrypt');

const User = require('../models/user');

const router = express.Router();

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

module.exports = router;
