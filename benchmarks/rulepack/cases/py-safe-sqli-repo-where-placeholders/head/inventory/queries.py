"""Stock queries on the warehouse database (psycopg connection from the pool)."""

from psycopg_pool import ConnectionPool


class StockQueries:
    def __init__(self, pool: ConnectionPool) -> None:
        self._pool = pool

    def find(self, warehouse_id: int, sku_prefix: str | None = None, bin_code: str | None = None) -> list[tuple]:
        """Stock lines of one warehouse, narrowed by the filters of the stock screen."""
        where = ["warehouse_id = %s"]
        params: list[object] = [warehouse_id]
        if sku_prefix:
            where.append("sku LIKE %s")
            params.append(f"{sku_prefix}%")
        if bin_code:
            where.append("bin_code = %s")
            params.append(bin_code)
        query = "SELECT sku, bin_code, quantity FROM stock WHERE " + " AND ".join(where) + " ORDER BY sku"
        label = f"stock query for bin = '{bin_code}'"
        with self._pool.connection() as conn, conn.cursor() as cur:
            cur.execute("SET application_name = %s", (label[:60],))
            cur.execute(query, params)
            return cur.fetchall()
