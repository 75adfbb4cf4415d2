# mypy: ignore-errors
# ruff: noqa

import random, secrets, string

def make_reset_token():
    # ruleid: pr-review.python.insecure-random-token
    return "".join(random.SystemRandom().choices(string.ascii_letters + string.digits, k=32))

def send_otp(user):
    # ruleid: pr-review.python.insecure-random-token
    otp = str(random.SystemRandom().randint(100000, 999999))
    # ok: pr-review.python.insecure-random-token
    otp2 = str(secrets.randbelow(900000) + 100000)
    # ok: pr-review.python.insecure-random-token
    delay = random.uniform(0.1, 0.5)
    return otp

def pick_color():
    # ok: pr-review.python.insecure-random-token
    return random.choice(["red", "green"])
