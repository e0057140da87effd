# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 health-and-readiness:app
import asyncio
import os

from advanced_alchemy.extensions.litestar import EngineConfig, SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from litestar import Litestar, get
from litestar.exceptions import ServiceUnavailableException
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine


@get("/livez")
async def livez() -> dict[str, str]:
    # Only "the process answers": a database outage must not get the service restarted.
    return {"status": "ok"}


@get("/readyz")
async def readyz(db_engine: AsyncEngine) -> dict[str, str]:  # the plugin's engine, injected by name
    try:
        async with asyncio.timeout(0.5), db_engine.connect() as conn:  # answer before the probe's 1 s is up
            await conn.execute(text("SELECT 1"))
    except (SQLAlchemyError, TimeoutError):
        raise ServiceUnavailableException(detail="database unreachable") from None
    return {"status": "ready"}


db = SQLAlchemyAsyncConfig(
    connection_string=os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
    engine_config=EngineConfig(pool_pre_ping=True),  # replace pooled connections a database restart has closed
)
app = Litestar([livez, readyz], plugins=[SQLAlchemyPlugin(config=db)])
