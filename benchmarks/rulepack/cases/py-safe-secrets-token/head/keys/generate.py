import random
import secrets


def create_api_key(prefix="sk"):
    return f"{prefix}_{secrets.token_urlsafe(32)}"


def shuffled_tips(tips):
    tips = list(tips)
    random.shuffle(tips)
    return tips
