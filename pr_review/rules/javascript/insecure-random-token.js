const crypto = require("crypto");

function generateResetToken() {
  // ruleid: pr-review.javascript.insecure-random-token
  return Math.random().toString(36).slice(2);
}

function sendOtp(user) {
  // ruleid: pr-review.javascript.insecure-random-token
  const otp = Math.floor(100000 + Math.random() * 900000);
  // ok: pr-review.javascript.insecure-random-token
  const otp2 = crypto.randomInt(100000, 1000000);
  // ok: pr-review.javascript.insecure-random-token
  const jitter = Math.random() * 100;
  return otp;
}
