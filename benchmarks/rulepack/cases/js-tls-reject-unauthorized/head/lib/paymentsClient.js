const axios = require("axios");
const https = require("https");

const client = axios.create({
  baseURL: "https://payments.internal.example.com",
  timeout: 10000,
  httpsAgent: new https.Agent({ keepAlive: true, rejectUnauthorized: false }),
});

async function charge(customerId, amountCents) {
  const { data } = await client.post("/charges", { customerId, amountCents });
  return data;
}

module.exports = { charge };
