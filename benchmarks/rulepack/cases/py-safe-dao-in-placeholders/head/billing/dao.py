def invoices_by_ids(conn, ids):
    marks = ", ".join(["%s"] * len(ids))
    with conn.cursor() as cursor:
        cursor.execute("SELECT id, total FROM invoices WHERE id IN (" + marks + ")", tuple(ids))
        return cursor.fetchall()
