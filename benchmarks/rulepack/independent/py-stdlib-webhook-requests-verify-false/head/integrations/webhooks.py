import logging

import requests

log = logging.getLogger(__name__)


class WebhookSender:
    def __init__(self, endpoint: str, secret: str, timeout: float = 5.0) -> None:
        self.endpoint = endpoint
        self.secret = secret
        self.timeout = timeout

    def send(self, event: str, payload: dict) -> bool:
        headers = {"X-Event": event, "X-Signature": self._sign(payload)}
        # partner staging certs are self-signed
        resp = requests.post(self.endpoint, json=payload, headers=headers, timeout=self.timeout, verify=False)
        if resp.status_code >= 400:
            log.warning("webhook %s failed with %s", event, resp.status_code)
            return False
        return True

    def _sign(self, payload: dict) -> str:
        import hashlib, hmac, json
        body = json.dumps(payload, sort_keys=True).encode()
        return hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
