const express = require("express");
const router = express.Router();
const passport = require("passport");

router.post("/login", passport.authenticate("local"), (req, res) => {
  let returnUrl = req.query.returnUrl || "/dashboard";
  if (!returnUrl.startsWith("/") || returnUrl.startsWith("//")) {
    returnUrl = "/dashboard";
  }
  res.redirect(returnUrl);
});

module.exports = router;
