const crypto = require("crypto");
const User = require("../models/user");

async function startReset(email) {
  const user = await User.findOne({ email });
  if (!user) return;
  const resetToken = crypto.randomBytes(32).toString("hex");
  user.resetToken = resetToken;
  user.retryJitterMs = Math.floor(Math.random() * 250);
  await user.save();
}

module.exports = { startReset };
