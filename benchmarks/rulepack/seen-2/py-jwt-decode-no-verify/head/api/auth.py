from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

bearer = HTTPBearer()


class Principal:
    def __init__(self, subject: str, roles: list[str]) -> None:
        self.subject = subject
        self.roles = roles


def current_principal(
    creds: Annotated[HTTPAuthorizationCredentials, Depends(bearer)],
) -> Principal:
    try:
        claims = jwt.decode(creds.credentials, options={"verify_signature": False})
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return Principal(claims["sub"], list(claims.get("roles", [])))


def require_admin(principal: Annotated[Principal, Depends(current_principal)]) -> Principal:
    if "admin" not in principal.roles:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "admin only")
    return principal
