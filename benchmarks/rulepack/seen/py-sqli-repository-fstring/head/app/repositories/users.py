from dataclasses import dataclass


@dataclass
class UserRow:
    id: int
    email: str


class UserRepository:
    def __init__(self, conn):
        self._conn = conn

    def find_by_email(self, email: str) -> UserRow | None:
        cur = self._conn.execute(f"SELECT id, email FROM users WHERE email = '{email}'")
        row = cur.fetchone()
        return UserRow(*row) if row else None
