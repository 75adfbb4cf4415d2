const vm = require("vm");

module.exports = function registerRules(app) {
  app.post("/api/rules/test", (req, res) => {
    const { condition, sample } = req.body;
    const sandbox = { order: sample };
    const matched = vm.runInNewContext(condition, sandbox, { timeout: 50 });
    res.json({ matched: Boolean(matched) });
  });
};
