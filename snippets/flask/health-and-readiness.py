# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 health-and-readiness:app
import os

from flask import Flask
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

# pool_pre_ping swaps out pooled connections the database has dropped (a restart ends them all);
# connect_timeout bounds the wait when the database host does not answer at all.
engine = create_engine(
    os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
    pool_pre_ping=True,
    connect_args={"connect_timeout": 1},
)
app = Flask(__name__)


@app.get("/livez")
def livez():
    # Only "the process answers": a database outage must not get the service restarted.
    return {"status": "ok"}


@app.get("/readyz")
def readyz():
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return {"status": "unavailable", "reason": "database unreachable"}, 503
    return {"status": "ready"}
