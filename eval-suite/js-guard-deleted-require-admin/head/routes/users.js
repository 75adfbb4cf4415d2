const express = require("express");
const { requireAdmin } = require("../middleware/auth");
const users = require("../services/users");

const router = express.Router();

router.get("/users/:id", async (req, res) => {
  res.json(await users.find(req.params.id));
});

router.delete("/users/:id", async (req, res) => {
  await users.remove(req.params.id, { auditReason: req.body.reason });
  res.sendStatus(204);
});

module.exports = router;
