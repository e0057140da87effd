# Run: DATABASE_URL=postgresql://localhost/shop python health-and-readiness.py --port 8000
import argparse
import os

import cherrypy
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

# A pooled connection dies when PostgreSQL restarts: pool_pre_ping tests each one before use and
# replaces it, and connect_timeout keeps a probe from hanging on a database that does not answer.
engine = create_engine(
    os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
    pool_pre_ping=True,
    connect_args={"connect_timeout": 1},
)


class Probes:
    @cherrypy.expose
    @cherrypy.tools.json_out()
    def livez(self):
        return {"status": "ok"}  # never looks at the database: an outage is no reason to restart

    @cherrypy.expose
    @cherrypy.tools.json_out()
    def readyz(self):
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError:
            cherrypy.response.status = 503
            return {"status": "unavailable", "reason": "database unreachable"}
        return {"status": "ready"}


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Probes())
