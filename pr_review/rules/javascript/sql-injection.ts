import { Pool } from "pg";

interface Product {
  id: number;
  name: string;
}

export class ProductRepository {
  constructor(private readonly pool: Pool) {}

  async search(term: string): Promise<Product[]> {
    const sql = `SELECT id, name FROM products WHERE name ILIKE '%${term}%'`;
    // ruleid: pr-review.javascript.sql-injection
    const { rows } = await this.pool.query<Product>(sql);
    return rows;
  }

  async byName(name: string): Promise<Product[]> {
    // ok: pr-review.javascript.sql-injection
    const { rows } = await this.pool.query<Product>("SELECT id, name FROM products WHERE name = $1", [name]);
    return rows;
  }
}
