const escapeStringRegexp = require("escape-string-regexp");

module.exports = (app, Product) => {
  app.get("/products", async (req, res) => {
    const rx = new RegExp(escapeStringRegexp(String(req.query.name)), "i");
    res.json(await Product.find({ name: rx }).limit(50));
  });
};
