def delete_invoice(conn, number):
    sql = "DELETE FROM invoices WHERE number = '%s'" % number
    with conn.cursor() as cursor:
        cursor.execute(sql)
    conn.commit()
