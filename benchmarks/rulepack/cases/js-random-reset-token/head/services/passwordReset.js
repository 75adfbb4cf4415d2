const User = require("../models/user");
const mailer = require("./mailer");

async function startReset(email) {
  const user = await User.findOne({ email });
  if (!user) return;
  const resetToken = Math.random().toString(36).substring(2) + Date.now().toString(36);
  user.resetToken = resetToken;
  user.resetExpires = Date.now() + 3600 * 1000;
  await user.save();
  await mailer.send(email, `https://app.example.com/reset?token=${resetToken}`);
}

module.exports = { startReset };
