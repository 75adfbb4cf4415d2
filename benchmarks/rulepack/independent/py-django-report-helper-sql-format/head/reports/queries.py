from django.db import connection


def _rows(cursor):
    columns = [col[0] for col in cursor.description]
    return [dict(zip(columns, row)) for row in cursor.fetchall()]


def sales_by_region(region, since):
    sql = (
        "SELECT r.name, SUM(o.total) AS total "
        "FROM shop_order o JOIN shop_region r ON r.id = o.region_id "
        "WHERE r.code = '{region}' AND o.created >= '{since}' "
        "GROUP BY r.name"
    ).format(region=region, since=since)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return _rows(cursor)
