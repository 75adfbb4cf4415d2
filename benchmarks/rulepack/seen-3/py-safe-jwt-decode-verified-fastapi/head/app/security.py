from functools import lru_cache
from pathlib import Path
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic_settings import BaseSettings

bearer = HTTPBearer(auto_error=False)


class AuthSettings(BaseSettings):
    jwt_issuer: str = "https://login.example.com/"
    jwt_audience: str = "orders-api"
    jwt_public_key_path: str = "/run/secrets/jwt_public.pem"


@lru_cache
def auth_settings() -> AuthSettings:
    return AuthSettings()


@lru_cache
def jwt_public_key() -> str:
    return Path(auth_settings().jwt_public_key_path).read_text()


def current_claims(creds: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> dict:
    if creds is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token", headers={"WWW-Authenticate": "Bearer"})
    settings = auth_settings()
    try:
        return jwt.decode(
            creds.credentials,
            jwt_public_key(),
            algorithms=["RS256"],
            audience=settings.jwt_audience,
            issuer=settings.jwt_issuer,
            options={"require": ["exp", "iat", "sub"]},
        )
    except jwt.InvalidTokenError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token", headers={"WWW-Authenticate": "Bearer"}) from exc
