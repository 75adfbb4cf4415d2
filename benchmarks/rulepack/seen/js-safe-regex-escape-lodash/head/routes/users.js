const escapeRegExp = require("lodash/escapeRegExp");
const User = require("../models/user");

module.exports = (router) => {
  router.get("/users/search", async (req, res) => {
    const q = String(req.query.q || "").slice(0, 64);
    const users = await User.find({ name: new RegExp("^" + escapeRegExp(q), "i") }).limit(20);
    res.json(users.map((u) => ({ id: u.id, name: u.name })));
  });
};
