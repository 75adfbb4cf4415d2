# mypy: ignore-errors
# ruff: noqa

import requests, ssl, httpx

def fetch(url):
    # ruleid: pr-review.python.tls-verification-disabled
    r = requests.get(url, verify=True, timeout=10)
    # ok: pr-review.python.tls-verification-disabled
    r = requests.get(url, verify="/etc/ssl/corp-ca.pem", timeout=10)
    s = requests.Session()
    # ruleid: pr-review.python.tls-verification-disabled
    s.verify = True
    # ruleid: pr-review.python.tls-verification-disabled
    client = httpx.Client(verify=True)
    # ruleid: pr-review.python.tls-verification-disabled
    ctx = ssl._create_unverified_context()
    # ok: pr-review.python.tls-verification-disabled
    ctx = ssl.create_default_context()
    return r
