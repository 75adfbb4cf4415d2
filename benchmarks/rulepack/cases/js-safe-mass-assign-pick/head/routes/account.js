const express = require("express");
const router = express.Router();
const _ = require("lodash");
const User = require("../models/user");

router.put("/account", async (req, res) => {
  const changes = _.pick(req.body, ["name", "email", "timezone"]);
  const updated = await User.findByIdAndUpdate(req.user.id, changes, { new: true });
  res.json({ id: updated.id, email: updated.email, name: updated.name });
});

module.exports = router;
