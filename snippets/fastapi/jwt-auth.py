# Run: JWT_SECRET=change-me uvicorn --workers 1 --host 127.0.0.1 --port 8000 jwt-auth:app
import os
from typing import Annotated

import jwt
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

app = FastAPI()
SECRET = os.environ["JWT_SECRET"]
bearer = HTTPBearer()  # a missing or non-Bearer header is a 401 with WWW-Authenticate: Bearer


def claims(credentials: Annotated[HTTPAuthorizationCredentials, Depends(bearer)]) -> dict:
    try:
        return jwt.decode(credentials.credentials, SECRET, algorithms=["HS256"])
    except jwt.InvalidTokenError as exc:  # bad signature, expired, malformed
        raise HTTPException(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from exc


@app.get("/me")
async def me(token: Annotated[dict, Depends(claims)]):
    return {"sub": token["sub"]}
