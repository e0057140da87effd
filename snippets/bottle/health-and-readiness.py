# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 health-and-readiness:app
import os

from bottle import Bottle, response
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

# A pooled connection dies when PostgreSQL restarts: pool_pre_ping tests each one before use and
# replaces it, and connect_timeout keeps a probe from hanging on a database that does not answer.
engine = create_engine(
    os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
    pool_pre_ping=True,
    connect_args={"connect_timeout": 1},
)
app = Bottle()


@app.get("/livez")
def livez():
    return {"status": "ok"}  # never looks at the database: an outage is no reason to restart


@app.get("/readyz")
def readyz():
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError:
        response.status = 503  # not abort(503): that would render Bottle's HTML error page
        return {"status": "unavailable", "reason": "database unreachable"}
    return {"status": "ready"}
