from typing import Optional

import asyncpg

SORTABLE = {"name": "name", "created": "created_at"}


class CustomerRepository:
    def __init__(self, pool: asyncpg.Pool):
        self._pool = pool

    async def search(self, term: str, sort: str = "name", limit: int = 50) -> list[asyncpg.Record]:
        column = SORTABLE.get(sort, "name")
        async with self._pool.acquire() as conn:
            return await conn.fetch(f"SELECT id, name FROM customers WHERE name ILIKE $1 ORDER BY {column} LIMIT $2", f"%{term}%", limit)

    async def by_id(self, customer_id: int) -> Optional[asyncpg.Record]:
        async with self._pool.acquire() as conn:
            return await conn.fetchrow("SELECT id, name FROM customers WHERE id = $1", customer_id)
