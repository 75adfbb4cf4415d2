from dataclasses import dataclass
from typing import Optional

import asyncpg


@dataclass
class Invoice:
    id: int
    number: str
    total_cents: int


class InvoiceRepository:
    def __init__(self, pool: asyncpg.Pool):
        self._pool = pool

    async def by_number(self, number: str) -> Optional[Invoice]:
        async with self._pool.acquire() as conn:
            row = await conn.fetchrow(f"SELECT id, number, total_cents FROM invoices WHERE number = '{number}'")
        return Invoice(**row) if row else None
