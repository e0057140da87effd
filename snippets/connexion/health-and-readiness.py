# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 health-and-readiness:app
import os

import psycopg
import yaml
from connexion import AsyncApp

SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Probes, version: "1.0"}
components:
  responses:
    Status:
      description: What the probe found
      content:
        application/json:
          schema: {type: object}
paths:
  /livez:
    get:
      operationId: health-and-readiness.livez
      responses:
        "200": {$ref: "#/components/responses/Status"}
  /readyz:
    get:
      operationId: health-and-readiness.readyz
      responses:
        "200": {$ref: "#/components/responses/Status"}
        "503": {$ref: "#/components/responses/Status"}
""")
DATABASE_URL = os.environ["DATABASE_URL"]  # a libpq URL, as psycopg takes it


async def livez():
    # The process answers, and that is all liveness means: a database outage must not restart it.
    return {"status": "ok"}


async def readyz():
    # A connection of its own for each probe: nothing pooled can be left broken by an outage, and
    # connect_timeout caps the wait on a host that does not answer. The async driver keeps the
    # event loop free meanwhile.
    try:
        async with await psycopg.AsyncConnection.connect(DATABASE_URL, connect_timeout=1) as conn:
            await conn.execute("SELECT 1")
    except psycopg.Error:
        return {"status": "unavailable", "reason": "database unreachable"}, 503
    return {"status": "ready"}


app = AsyncApp(__name__)
app.add_api(SPEC)
