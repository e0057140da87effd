# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 health-and-readiness:app
import os

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

# pool_pre_ping swaps out pooled connections the database has dropped (a restart ends them all);
# connect_timeout bounds the wait when the database host does not answer at all.
engine = create_engine(
    os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
    pool_pre_ping=True,
    connect_args={"connect_timeout": 1},
)
app = FastAPI()


@app.get("/livez")
async def livez():
    # Only "the process answers": a database outage must not get the service restarted.
    return {"status": "ok"}


# Plain `def`: FastAPI runs it in its thread pool, so the blocking driver does not stall the event loop.
@app.get("/readyz")
def readyz():
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        return JSONResponse({"status": "unavailable", "reason": "database unreachable"}, status_code=503)
    return {"status": "ready"}
