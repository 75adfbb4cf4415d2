const express = require("express");
const { subscribe } = require("../services/mailing");

const router = express.Router();

router.post("/newsletter", async (req, res) => {
  const { email } = req.body;
  if (!/^([a-zA-Z0-9_.+-]+)*@([a-zA-Z0-9-]+\.)+[a-z]{2,}$/.test(email)) {
    return res.status(422).json({ error: "invalid email" });
  }
  await subscribe(email);
  res.status(204).end();
});

module.exports = router;
