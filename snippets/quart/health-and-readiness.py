# Run: DATABASE_URL=postgresql://localhost/shop hypercorn --workers 1 --bind 127.0.0.1:8000 health-and-readiness:app
import asyncio
import os

from quart import Quart
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine

# pool_pre_ping replaces pooled connections that a database restart has closed.
engine = create_async_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1), pool_pre_ping=True)
app = Quart(__name__)


@app.after_serving
async def close_pool():
    await engine.dispose()


@app.get("/livez")
async def livez():
    # Only "the process answers": a database outage must not get the service restarted.
    return {"status": "ok"}


@app.get("/readyz")
async def readyz():
    try:
        async with asyncio.timeout(0.5):  # answer well within the probe's one-second timeout
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, TimeoutError):
        return {"status": "unavailable", "reason": "database unreachable"}, 503
    return {"status": "ready"}
