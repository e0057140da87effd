# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 health-and-readiness:app
import asyncio
import os

from blacksheep import Application, get, json
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine

# pool_pre_ping replaces pooled connections that a database restart has closed.
engine = create_async_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1), pool_pre_ping=True)
app = Application()


@get("/livez")
async def livez():
    # Only "the process answers": a database outage must not get the service restarted.
    return {"status": "ok"}


@get("/readyz")
async def readyz():
    try:
        async with asyncio.timeout(0.5):  # answer well within the probe's one-second timeout
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, TimeoutError):
        return json({"status": "unavailable", "reason": "database unreachable"}, status=503)
    return {"status": "ready"}
