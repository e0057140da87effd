# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 health-and-readiness:app
import asyncio
import os

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route

# The service's own pool: pool_pre_ping replaces connections a database restart has closed.
engine = create_async_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1), pool_pre_ping=True)


async def livez(request):
    # Only "the process answers": a database outage must not get the service restarted.
    return JSONResponse({"status": "ok"})


async def readyz(request):
    try:
        async with asyncio.timeout(0.5):  # a probe gives up after one second: answer before it does
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, TimeoutError):
        return JSONResponse({"status": "unavailable", "reason": "database unreachable"}, status_code=503)
    return JSONResponse({"status": "ready"})


app = Starlette(routes=[Route("/livez", livez), Route("/readyz", readyz)])
