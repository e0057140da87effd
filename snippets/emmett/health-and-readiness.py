# Run: DATABASE_URL=postgresql://localhost/shop emmett -a health-and-readiness.py serve --host 127.0.0.1 --port 8000 --workers 1
import os

import psycopg2
from emmett import App, response
from emmett.orm import Database
from emmett.tools import service

app = App(__name__)
# Emmett's ORM (on pyDAL, here with psycopg2) names PostgreSQL "postgres://"; connect_timeout
# bounds the wait for a database host that does not answer at all.
app.config.db.uri = os.environ["DATABASE_URL"].replace("postgresql://", "postgres://", 1)
app.config.db.driver_args = {"connect_timeout": 1}
db = Database(app)


@app.route("/livez", methods="get")
@service.json
async def livez():
    # Only "the process answers": a database outage must not get the service restarted.
    return {"status": "ok"}


@app.route("/readyz", methods="get")
@service.json
async def readyz():
    try:
        async with db.connection():  # a pooled connection; one the database dropped fails here once, then is discarded
            db.executesql("SELECT 1")
    except psycopg2.Error:
        response.status = 503
        return {"status": "unavailable", "reason": "database unreachable"}
    return {"status": "ready"}
