"""Billing configuration."""

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class BillingSettings:
    api_base: str
    secret_key: str
    webhook_secret: str
    currency: str = "eur"


def load() -> BillingSettings:
    return BillingSettings(
        api_base=os.environ.get("BILLING_API_BASE", "https://api.stripe.com"),
        secret_key=os.environ.get("STRIPE_SECRET_KEY", "sk_live_51Hx9TqLw2R7bYkP0mZc3VdQeF8sG4uJ1aN6oH5iK2lM9pB7rT0"),
        webhook_secret=os.environ["STRIPE_WEBHOOK_SECRET"],
    )
