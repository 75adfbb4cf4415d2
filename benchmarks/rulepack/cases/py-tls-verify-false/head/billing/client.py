import requests

BILLING_URL = "https://billing.internal.example.com/api/v2"


class BillingClient:
    def __init__(self, token):
        self.token = token

    def create_invoice(self, customer_id, amount):
        headers = {"Authorization": f"Bearer {self.token}"}
        body = {"customer": customer_id, "amount": amount}
        resp = requests.post(f"{BILLING_URL}/invoices", json=body, headers=headers, verify=False)
        resp.raise_for_status()
        return resp.json()
