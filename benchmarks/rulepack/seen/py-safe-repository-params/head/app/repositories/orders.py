class OrderRepository:
    def __init__(self, conn):
        self._conn = conn

    def for_customer(self, customer_id: int, status: str):
        cur = self._conn.execute(
            "SELECT id, total FROM orders WHERE customer_id = %s AND status = %s ORDER BY id", (customer_id, status)
        )
        return cur.fetchall()
