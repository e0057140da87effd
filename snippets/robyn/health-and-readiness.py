# Run: DATABASE_URL=postgresql://localhost/shop env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python health-and-readiness.py --processes 1
import os

from robyn import Response, Robyn, jsonify
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

# A pooled connection is tested before each use (pool_pre_ping), so those a database restart
# killed are replaced; a new connection gives up after one second (connect_timeout).
url = os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1)
engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": 1})
app = Robyn(__file__)


def database_answers() -> bool:
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except SQLAlchemyError:
        return False


# Liveness leaves the database alone: restarting this process would not bring PostgreSQL back.
@app.get("/livez")
def livez():
    return {"status": "ok"}


@app.get("/readyz")
def readyz():
    if database_answers():
        return {"status": "ready"}
    unavailable = {"status": "unavailable", "reason": "database unreachable"}
    return Response(503, {"Content-Type": "application/json"}, jsonify(unavailable))


app.start()
