# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 health-and-readiness:app
import os

import falcon
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import SQLAlchemyError


class Liveness:
    def on_get(self, req: falcon.Request, resp: falcon.Response):
        # Liveness leaves the database alone: restarting this process would not bring PostgreSQL back.
        resp.media = {"status": "ok"}


class Readiness:
    def __init__(self, engine: Engine):
        self.engine = engine

    def on_get(self, req: falcon.Request, resp: falcon.Response):
        try:
            with self.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except SQLAlchemyError:
            raise falcon.HTTPServiceUnavailable(description="database unreachable")  # rendered as JSON
        resp.media = {"status": "ready"}


# A pooled connection is tested before each use (pool_pre_ping), so those a database restart
# killed are replaced; a new connection gives up after one second (connect_timeout).
engine = create_engine(
    os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
    pool_pre_ping=True,
    connect_args={"connect_timeout": 1},
)
app = falcon.App()
app.add_route("/livez", Liveness())
app.add_route("/readyz", Readiness(engine))
