"""Leaked-value shapes, generated at run time (seeded), so no key-shaped string is committed.

Each `Sample` is one line as a team would write it, the file it sits in and the value that must
not reach a model or an output. `samples()` covers every format issue 13 lists and the common ones
teams leak; `ordinary_code_lines()` reads the interpreter's own standard library for the
false-positive side (nothing copied into the repository).
"""

from __future__ import annotations

import base64
import json
import random
import string
import sysconfig
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ALNUM = string.ascii_letters + string.digits
BASE62 = string.digits + string.ascii_uppercase + string.ascii_lowercase


@dataclass(frozen=True)
class Sample:
    kind: str  # the format, as the benchmark reports it
    path: str  # the file the line sits in (detectors read the extension)
    line: str
    value: str  # what must be withheld (a substring of line)


def _pick(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _base62(number: int, width: int) -> str:
    out = ""
    while number:
        number, digit = divmod(number, 62)
        out = BASE62[digit] + out
    return out.rjust(width, "0")


def _github_token(rng: random.Random, prefix: str) -> str:
    """GitHub's format: 30 random characters and a 6-character base62 CRC32 of them."""
    body = _pick(rng, ALNUM, 30)
    return f"{prefix}{body}{_base62(zlib.crc32(f'{prefix}{body}'.encode()), 6)}"


def _luhn_complete(partial: str) -> str:
    total = 0
    for index, char in enumerate(reversed(partial)):
        digit = int(char)
        if index % 2 == 0:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return partial + str((10 - total % 10) % 10)


def _card(rng: random.Random) -> str:
    return _luhn_complete("4" + _pick(rng, string.digits, 14))


def _iban(rng: random.Random) -> str:
    bban = "NWBK" + _pick(rng, string.digits, 14)
    numeric = "".join(str(int(c, 36)) for c in bban + "GB00")
    return f"GB{98 - int(numeric) % 97:02d}{bban}"


def _pem_body(rng: random.Random) -> list[str]:
    return [_pick(rng, ALNUM + "+/", 64) for _ in range(4)]


def samples(seed: int = 13) -> list[Sample]:
    rng = random.Random(seed)
    out: list[Sample] = []

    def add(kind: str, path: str, template: str, value: str) -> None:
        out.append(Sample(kind, path, template.format(v=value), value))

    add(
        "aws-access-key",
        "app/aws.py",
        'AWS_ACCESS_KEY_ID = "{v}"',
        "AKIA" + _pick(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16),
    )
    add("aws-secret-key", "app/aws.py", 'aws_secret_access_key = "{v}"', _pick(rng, ALNUM + "+/", 40))
    add("github-classic-token", "ci/release.py", 'GH = "{v}"', _github_token(rng, "ghp_"))
    add("github-app-token", "ci/release.py", 'installation = "{v}"', _github_token(rng, "ghs_"))
    add(
        "github-fine-grained-token",
        "ci/release.sh",
        "export GH_TOKEN={v}",
        "github_pat_" + _pick(rng, ALNUM, 22) + "_" + _pick(rng, ALNUM, 59),
    )
    slack = f"xoxb-{_pick(rng, string.digits, 11)}-{_pick(rng, string.digits, 13)}-{_pick(rng, ALNUM, 24)}"
    add("slack-bot-token", "bot/notify.js", 'const slack = new WebClient("{v}");', slack)
    upper = string.ascii_uppercase + string.digits
    webhook = (
        f"https://hooks.slack.com/services/T{_pick(rng, upper, 8)}/B{_pick(rng, upper, 10)}/{_pick(rng, ALNUM, 24)}"
    )
    add("slack-webhook", "bot/notify.py", 'requests.post("{v}", json=payload)', webhook)
    add("stripe-secret-key", "billing/charge.rb", "Stripe.api_key = '{v}'", "sk_live_" + _pick(rng, ALNUM, 99))
    add("stripe-restricted-key", "billing/config.yml", "stripe_key: {v}", "rk_live_" + _pick(rng, ALNUM, 99))
    add("google-api-key", "web/maps.ts", "const MAPS = '{v}';", "AIza" + _pick(rng, ALNUM + "_-", 35))
    anthropic = "sk-ant-api03-" + _pick(rng, ALNUM + "_-", 93) + "AA"
    add("anthropic-api-key", "ai/client.py", 'client = Anthropic(api_key="{v}")', anthropic)
    openai = "sk-proj-" + _pick(rng, ALNUM + "_-", 74) + "T3BlbkFJ" + _pick(rng, ALNUM + "_-", 74)
    add("openai-api-key", "ai/client.py", 'client = OpenAI(api_key="{v}")', openai)
    header = _b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = _b64url(json.dumps({"sub": _pick(rng, string.digits, 10), "name": "svc", "iat": 1716239022}).encode())
    add("jwt", "api/session.py", 'SESSION = "{v}"', f"{header}.{claims}.{_b64url(rng.randbytes(32))}")
    add(
        "bearer-token",
        "api/client.py",
        'headers = {{"Authorization": "Bearer {v}"}}',
        _pick(rng, ALNUM, 40),
    )
    add(
        "bearer-token-curl",
        "scripts/deploy.sh",
        'curl -H "Authorization: Bearer {v}" https://api.acme-corp.com/v1',
        _pick(rng, ALNUM + "._-", 48),
    )
    add("env-password", ".env", "DB_PASSWORD={v}", "Pr0d-" + _pick(rng, ALNUM, 12) + "!")
    add("env-secret", ".env", "SESSION_SECRET={v}", _pick(rng, ALNUM, 32))
    add("env-api-key", "config/.env.production", "PAYMENTS_API_KEY={v}", _pick(rng, ALNUM, 28))
    password = _pick(rng, ALNUM, 16)
    add("postgres-url", "app/db.py", 'DATABASE_URL = "postgres://app:{v}@db.prod.acme-corp.com:5432/app"', password)
    add(
        "mongodb-url",
        "app/db.js",
        "const uri = 'mongodb+srv://admin:{v}@cluster0.x1y2z.mongodb.net/prod';",
        _pick(rng, ALNUM, 14),
    )
    add("mysql-url", "config/database.yml", "url: mysql://root:{v}@10.20.30.40:3306/shop", _pick(rng, ALNUM, 12))
    add("redis-url", "docker-compose.yml", "      REDIS_URL: redis://:{v}@cache:6379/0", _pick(rng, ALNUM, 20))
    add(
        "email",
        "app/contacts.py",
        'SUPPORT = "{v}"',
        f"{_pick(rng, string.ascii_lowercase, 6)}.{_pick(rng, string.ascii_lowercase, 5)}@acme-corp.com",
    )
    add("phone-international", "app/contacts.py", 'ON_CALL = "{v}"', "+44 20 7946 0" + _pick(rng, string.digits, 3))
    add("phone-us", "app/contacts.py", 'FAX = "{v}"', "(415) 736-" + _pick(rng, string.digits, 4))
    iban = _iban(rng)
    add("iban", "billing/payout.py", 'ACCOUNT = "{v}"', " ".join(iban[i : i + 4] for i in range(0, len(iban), 4)))
    add("iban-compact", "billing/payout.py", 'ACCOUNT = "{v}"', iban)
    for name, separator in (
        ("space", " "),
        ("dash", "-"),
        ("dot", "."),
        ("underscore", "_"),
        ("slash", "/"),
        ("none", ""),
    ):
        digits = _card(rng)
        add(
            f"card-{name}",
            "billing/fixtures.py",
            'CARD = "{v}"',
            separator.join(digits[i : i + 4] for i in range(0, 16, 4)),
        )
    add(
        "us-ssn",
        "hr/employee.py",
        'ssn = "{v}"',
        f"{rng.randrange(100, 665)}-{rng.randrange(10, 99)}-{rng.randrange(1000, 9999)}",
    )
    add("mrn", "clinic/notes.txt", "Patient follow-up, MRN: {v}", "00" + _pick(rng, string.digits, 6))
    add("mrn-hash", "clinic/import.py", 'record = "MRN#{v}"', _pick(rng, "123456789", 7))
    add("medical-record-number", "clinic/import.py", "# medical record number {v}", _pick(rng, "123456789", 8))
    return out


def private_keys(seed: int = 13) -> list[tuple[str, str, list[str]]]:
    """(kind, path, lines): a PEM key with its END line, and one cut off before it."""
    rng = random.Random(seed)
    full = ["-----BEGIN RSA PRIVATE KEY-----", *_pem_body(rng), "-----END RSA PRIVATE KEY-----"]
    cut = ["key = '''", "-----BEGIN OPENSSH PRIVATE KEY-----", *_pem_body(rng)]
    return [("private-key", "deploy/id_rsa", full), ("private-key-without-end", "deploy/key.py", cut)]


def path_samples(seed: int = 13) -> list[Sample]:
    """Values in file names: the path itself is the line."""
    rng = random.Random(seed)
    token = _github_token(rng, "ghp_")
    email = f"{_pick(rng, string.ascii_lowercase, 5)}.{_pick(rng, string.ascii_lowercase, 6)}@acme-corp.com"
    return [
        Sample("token-in-path", f"exports/{token}/dump.json", f"exports/{token}/dump.json", token),
        Sample("email-in-path", f"customers/{email}.csv", f"customers/{email}.csv", email),
    ]


def ordinary_code_lines(limit: int = 4000) -> Iterator[tuple[str, str]]:
    """(path, line) from the running interpreter's standard library, read in place."""
    root = Path(sysconfig.get_paths()["stdlib"])
    count = 0
    # argparse.py and textwrap.py are left out: their headers hold their authors' real addresses,
    # which are personal data (true positives), not ordinary code.
    for name in (
        "json/decoder.py",
        "json/encoder.py",
        "string.py",
        "shlex.py",
        "fractions.py",
        "heapq.py",
        "bisect.py",
        "calendar.py",
        "csv.py",
        "dataclasses.py",
        "functools.py",
        "ipaddress.py",
        "pathlib.py",
        "statistics.py",
        "urllib/parse.py",
        "uuid.py",
    ):
        path = root / name
        if not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").split("\n"):
            yield f"stdlib/{name}", line
            count += 1
            if count >= limit:
                return
