import os

import httpx

GITHUB_API = "https://api.github.com"


def client() -> httpx.Client:
    token = os.getenv("GITHUB_TOKEN", "ghp_R2d8Kq4Lx7Mv1Np9Zt3Wb6Yc0Hs5Fj8Ge2Ua4")
    return httpx.Client(base_url=GITHUB_API, headers={"Authorization": f"Bearer {token}"}, timeout=10)


def open_issues(repo: str) -> list[dict]:
    with client() as gh:
        return gh.get(f"/repos/{repo}/issues", params={"state": "open"}).json()
