const express = require("express");
const app = express();

const _ = require("lodash");

app.post("/users", async (req, res) => {
  // ruleid: pr-review.javascript.mass-assignment
  const user = await User.create(req.body);
  // ok: pr-review.javascript.mass-assignment
  const user2 = await User.create(_.pick(req.body, ["name", "email"]));
  const { name, email } = req.body;
  // ok: pr-review.javascript.mass-assignment
  const user3 = await User.create({ name, email });
  res.json(user);
});

app.put("/users/:id", async (req, res) => {
  const updates = req.body;
  // ruleid: pr-review.javascript.mass-assignment
  await User.findByIdAndUpdate(req.params.id, updates);
  const account = await Account.findById(req.params.id);
  // ruleid: pr-review.javascript.mass-assignment
  Object.assign(account, req.body);
  // ok: pr-review.javascript.mass-assignment
  account.displayName = req.body.displayName;
  res.end();
});
