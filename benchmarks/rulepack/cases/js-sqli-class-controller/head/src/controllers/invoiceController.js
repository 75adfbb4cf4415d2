class InvoiceController {
  constructor(db) {
    this.db = db;
  }

  async show(req, res) {
    const invoiceId = req.params.id;
    const result = await this.db.query(`SELECT * FROM invoices WHERE id = ${invoiceId} AND tenant_id = 1`);
    res.json(result.rows[0]);
  }
}

module.exports = InvoiceController;
