import { Pool } from "pg";

export interface Product {
  id: number;
  name: string;
  price: number;
}

export class ProductRepository {
  constructor(private readonly pool: Pool) {}

  async search(term: string, sort: string): Promise<Product[]> {
    const sql = `SELECT id, name, price FROM products WHERE name ILIKE '%${term}%' ORDER BY ${sort} LIMIT 50`;
    const { rows } = await this.pool.query<Product>(sql);
    return rows;
  }

  async byId(id: number): Promise<Product | undefined> {
    const { rows } = await this.pool.query<Product>("SELECT id, name, price FROM products WHERE id = $1", [id]);
    return rows[0];
  }
}
