from functools import lru_cache

from pydantic_settings import BaseSettings


class AuthSettings(BaseSettings):
    jwt_issuer: str = "https://login.example.com/"
    jwt_audience: str = "orders-api"
    jwt_public_key_path: str = "/run/secrets/jwt_public.pem"


@lru_cache
def auth_settings() -> AuthSettings:
    return AuthSettings()
