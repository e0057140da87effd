# Run: DATABASE_URL=postgresql://localhost/shop python health-and-readiness.py --host=127.0.0.1 --port=8000
import asyncio
import os

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from tornado.options import define, options, parse_command_line
from tornado.web import Application, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)


class LivenessHandler(RequestHandler):
    def get(self):
        # Liveness leaves the database alone: restarting this process would not bring PostgreSQL back.
        self.write({"status": "ok"})


class ReadinessHandler(RequestHandler):
    def initialize(self, engine: AsyncEngine):  # the third element of the route below
        self.engine = engine

    async def get(self):
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            self.set_status(503)
            return self.write({"status": "unavailable", "reason": "database unreachable"})
        self.write({"status": "ready"})


async def main():
    parse_command_line()
    # A pooled connection is tested before each use (pool_pre_ping), so those a database restart
    # killed are replaced; a new connection gives up after one second (connect_timeout).
    url = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_async_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 1})
    app = Application([(r"/livez", LivenessHandler), (r"/readyz", ReadinessHandler, {"engine": engine})])
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
