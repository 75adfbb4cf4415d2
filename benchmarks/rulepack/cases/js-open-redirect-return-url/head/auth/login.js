const express = require("express");
const router = express.Router();
const passport = require("passport");

router.post("/login", passport.authenticate("local"), (req, res) => {
  const returnUrl = req.query.returnUrl || "/dashboard";
  req.session.lastLogin = Date.now();
  res.redirect(returnUrl);
});

module.exports = router;
