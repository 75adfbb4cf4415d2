import random
import string

ALPHABET = string.ascii_letters + string.digits


def create_api_key(prefix="sk"):
    body = "".join(random.choice(ALPHABET) for _ in range(40))
    return f"{prefix}_{body}"
