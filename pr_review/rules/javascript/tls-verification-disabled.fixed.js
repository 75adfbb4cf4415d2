const https = require("https");
// ruleid: pr-review.javascript.tls-verification-disabled
const agent = new https.Agent({ keepAlive: true, rejectUnauthorized: true });
// ok: pr-review.javascript.tls-verification-disabled
const agent2 = new https.Agent({ keepAlive: true, ca: fs.readFileSync("ca.pem") });
// ruleid: pr-review.javascript.tls-verification-disabled
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
// ok: pr-review.javascript.tls-verification-disabled
const opts = { rejectUnauthorized: true };
