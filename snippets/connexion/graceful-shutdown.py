# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 graceful-shutdown:app
# Nothing to write in Connexion: on SIGTERM uvicorn stops accepting connections and waits for
# the requests in flight (with no time limit unless --timeout-graceful-shutdown sets one).
import asyncio

import yaml
from connexion import AsyncApp

SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Slow, version: "1.0"}
paths:
  /slow:
    get:
      operationId: graceful-shutdown.slow
      responses:
        "200":
          description: Done, two seconds later
          content:
            application/json:
              schema: {type: object}
""")


async def slow():
    await asyncio.sleep(2)
    return {"status": "done"}


app = AsyncApp(__name__)
app.add_api(SPEC)
