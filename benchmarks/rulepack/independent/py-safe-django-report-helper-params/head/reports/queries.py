from django.db import connection


def _rows(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def sales_by_region(region, since):
    sql = """
        SELECT r.name, SUM(o.total) AS total
        FROM shop_order o JOIN shop_region r ON r.id = o.region_id
        WHERE r.code = %s AND o.created >= %s
        GROUP BY r.name
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [region, since])
        return _rows(cursor)
