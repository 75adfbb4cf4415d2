import os
from typing import Annotated

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

bearer = HTTPBearer()
JWT_PUBLIC_KEY = os.environ["JWT_PUBLIC_KEY"]
AUDIENCE = "orders-api"


def current_claims(creds: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]) -> dict:
    try:
        return jwt.decode(
            creds.credentials,
            JWT_PUBLIC_KEY,
            algorithms=["RS256"],
            audience=AUDIENCE,
            options={"require": ["exp", "sub"]},
        )
    except jwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
