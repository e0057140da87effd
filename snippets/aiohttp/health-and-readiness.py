# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 health-and-readiness:app
import os

from aiohttp import web
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

routes = web.RouteTableDef()
database = web.AppKey("database", AsyncEngine)


@routes.get("/livez")
async def livez(request: web.Request) -> web.Response:
    # Liveness leaves the database alone: restarting this process would not bring PostgreSQL back.
    return web.json_response({"status": "ok"})


@routes.get("/readyz")
async def readyz(request: web.Request) -> web.Response:
    try:
        async with request.app[database].connect() as conn:
            await conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return web.json_response({"status": "unavailable", "reason": "database unreachable"}, status=503)
    return web.json_response({"status": "ready"})


async def engine(app: web.Application):
    # A pooled connection is tested before each use (pool_pre_ping), so those a database restart
    # killed are replaced; a new connection gives up after one second (connect_timeout).
    url = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    app[database] = create_async_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 1})
    yield
    await app[database].dispose()


app = web.Application()
app.cleanup_ctx.append(engine)
app.add_routes(routes)
