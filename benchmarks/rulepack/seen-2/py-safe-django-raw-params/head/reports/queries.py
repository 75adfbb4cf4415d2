from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

REVENUE_SQL = """
    SELECT date_trunc('month', paid_at) AS month, SUM(amount_cents)
    FROM payments
    WHERE merchant_id = %s AND paid_at >= %s
    GROUP BY 1 ORDER BY 1
"""


def monthly_revenue(merchant_id: int, since: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(REVENUE_SQL, [merchant_id, since])
        return cursor.fetchall()


@require_GET
def revenue(request, merchant_id: int):
    since = request.GET.get("since", "2024-01-01")
    rows = monthly_revenue(merchant_id, since)
    return JsonResponse({"months": [{"month": m.isoformat(), "cents": c} for m, c in rows]})
