module.exports = (app, Product) => {
  app.get("/products", async (req, res) => {
    const rx = new RegExp(req.query.name, "i");
    res.json(await Product.find({ name: rx }).limit(50));
  });
};
