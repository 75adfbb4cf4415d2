import os
from dataclasses import dataclass


@dataclass(frozen=True)
class StripeConfig:
    api_base: str
    secret_key: str
    publishable_key: str


def load() -> StripeConfig:
    return StripeConfig(
        api_base=os.environ.get("STRIPE_API_BASE", "https://api.stripe.com"),
        secret_key=os.environ["STRIPE_SECRET_KEY"],
        publishable_key=os.environ.get("STRIPE_PUBLISHABLE_KEY", ""),
    )
