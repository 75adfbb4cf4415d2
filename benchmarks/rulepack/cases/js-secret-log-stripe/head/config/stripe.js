const Stripe = require("stripe");

const stripeSecretKey = process.env.STRIPE_SECRET_KEY;
console.log("Initialising Stripe with key", stripeSecretKey);

module.exports = new Stripe(stripeSecretKey, { apiVersion: "2024-04-10" });
