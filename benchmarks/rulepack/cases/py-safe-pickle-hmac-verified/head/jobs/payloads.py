import hashlib
import hmac
import os
import pickle

SIGNING_KEY = os.environ["JOB_SIGNING_KEY"].encode()


def sign(obj) -> bytes:
    body = pickle.dumps(obj)
    return hmac.new(SIGNING_KEY, body, hashlib.sha256).digest() + body


def unpack(blob: bytes):
    mac, body = blob[:32], blob[32:]
    if not hmac.compare_digest(mac, hmac.new(SIGNING_KEY, body, hashlib.sha256).digest()):
        raise ValueError("job payload signature mismatch")
    return pickle.loads(body)
