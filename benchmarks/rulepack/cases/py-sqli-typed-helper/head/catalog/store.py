def products_in(conn, category: str, limit: int = 50):
    cur = conn.cursor()
    cur.execute(f"SELECT id, name FROM products WHERE category = '{category}' LIMIT {limit}")
    return cur.fetchall()
