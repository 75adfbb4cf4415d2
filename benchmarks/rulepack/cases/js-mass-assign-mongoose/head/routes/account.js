const express = require("express");
const router = express.Router();
const User = require("../models/user");

router.put("/account", async (req, res) => {
  const updated = await User.findByIdAndUpdate(req.user.id, req.body, { new: true });
  res.json({ id: updated.id, email: updated.email, name: updated.name });
});

module.exports = router;
