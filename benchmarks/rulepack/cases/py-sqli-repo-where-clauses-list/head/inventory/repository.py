"""Stock queries on the warehouse database (psycopg connection from the pool)."""

from psycopg_pool import ConnectionPool


class StockRepository:
    def __init__(self, pool: ConnectionPool) -> None:
        self._pool = pool

    def find(self, warehouse_id: int, sku_prefix: str | None = None, bin_code: str | None = None) -> list[tuple]:
        """Stock lines of one warehouse, narrowed by the filters of the stock screen."""
        where = [f"warehouse_id = {int(warehouse_id)}"]
        if sku_prefix:
            where.append(f"sku LIKE '{sku_prefix}%'")
        if bin_code:
            where.append(f"bin_code = '{bin_code}'")
        query = "SELECT sku, bin_code, quantity FROM stock WHERE " + " AND ".join(where)
        with self._pool.connection() as conn, conn.cursor() as cur:
            cur.execute(
                query
                + " ORDER BY sku"
            )
            return cur.fetchall()
