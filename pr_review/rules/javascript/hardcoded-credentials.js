const jwt = require("jsonwebtoken");
// ruleid: pr-review.javascript.hardcoded-credentials
const JWT_SECRET = "s3cr3t-signing-key-2024";
// ok: pr-review.javascript.hardcoded-credentials
const JWT_SECRET2 = process.env.JWT_SECRET;
// ruleid: pr-review.javascript.hardcoded-credentials
const pool = mysql.createPool({ host: "db", user: "app", password: "Pr0dPassw0rd!" });
// ok: pr-review.javascript.hardcoded-credentials
const pool2 = mysql.createPool({ host: "db", user: "app", password: process.env.DB_PASSWORD });
// ruleid: pr-review.javascript.hardcoded-credentials
const t = jwt.sign({ sub: 1 }, "my-hardcoded-key-123");
// ok: pr-review.javascript.hardcoded-credentials
const field = { password: "Password" };

const stripe = require("stripe")(
  // ruleid: pr-review.javascript.hardcoded-credentials
  process.env.STRIPE_KEY || "sk_live_51Hx9TqLw2R7bYkP0mZc3VdQeF8sG4uJ1aN6",
);
// ruleid: pr-review.javascript.hardcoded-credentials
const slack = new WebClient('xoxb-2048-4096-q8Ws3RfT9yU1iO2pA7sD');
// ok: pr-review.javascript.hardcoded-credentials
const docsKey = process.env.AWS_KEY ?? "AKIAIOSFODNN7EXAMPLE";
// ok: pr-review.javascript.hardcoded-credentials
const stripeTest = process.env.STRIPE_KEY || "sk_test_placeholder";
