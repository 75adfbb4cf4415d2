from datetime import timedelta

from django.contrib.admin.views.decorators import staff_member_required
from django.db import connection
from django.http import JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_date

# Column expressions the report may be ordered by; anything else falls back to revenue.
ORDER_COLUMNS = {
    "revenue": "total_revenue",
    "orders": "order_count",
    "name": "c.name",
}


@staff_member_required
def top_customers(request):
    order_by = ORDER_COLUMNS.get(request.GET.get("sort", ""), "total_revenue")
    since = parse_date(request.GET.get("since", "")) or (timezone.now() - timedelta(days=30)).date()
    region = request.GET.get("region") or None
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT c.id, c.name, COUNT(o.id) AS order_count, COALESCE(SUM(o.total_cents), 0) AS total_revenue
            FROM sales_customer c
            JOIN sales_order o ON o.customer_id = c.id
            WHERE o.placed_at >= %s AND (%s IS NULL OR c.region = %s)
            GROUP BY c.id, c.name
            ORDER BY {order_by} DESC
            LIMIT %s
            """,
            [since, region, region, 50],
        )
        columns = [col[0] for col in cursor.description]
        rows = [dict(zip(columns, row)) for row in cursor.fetchall()]
    return JsonResponse({"since": since.isoformat(), "customers": rows})
