# Run: DATABASE_URL=postgresql://localhost/shop sanic health-and-readiness:app --host=127.0.0.1 --port=8000 --workers=1
import os

from sanic import Request, Sanic, json
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import create_async_engine

app = Sanic("Probes")


# Listeners run in each worker process, on its event loop.
@app.before_server_start
async def open_database(app: Sanic):
    # A pooled connection is tested before each use (pool_pre_ping), so those a database restart
    # killed are replaced; a new connection gives up after one second (connect_timeout).
    url = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    app.ctx.engine = create_async_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 1})


@app.after_server_stop
async def close_database(app: Sanic):
    await app.ctx.engine.dispose()


@app.get("/livez")
async def livez(request: Request):
    # Liveness leaves the database alone: restarting this process would not bring PostgreSQL back.
    return json({"status": "ok"})


@app.get("/readyz")
async def readyz(request: Request):
    try:
        async with app.ctx.engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return json({"status": "unavailable", "reason": "database unreachable"}, status=503)
    return json({"status": "ready"})
