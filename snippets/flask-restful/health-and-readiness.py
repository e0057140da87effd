# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 health-and-readiness:app
import os

from flask import Flask
from flask_restful import Api, Resource
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

# A pooled connection dies when PostgreSQL restarts: pool_pre_ping tests each one before use and
# replaces it, and connect_timeout keeps a probe from hanging on a database that does not answer.
engine = create_engine(
    os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
    pool_pre_ping=True,
    connect_args={"connect_timeout": 1},
)
app = Flask(__name__)
api = Api(app)


class Liveness(Resource):
    def get(self):
        return {"status": "ok"}  # never looks at the database: an outage is no reason to restart


class Readiness(Resource):
    def get(self):
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except OperationalError:
            return {"status": "unavailable", "reason": "database unreachable"}, 503
        return {"status": "ready"}


api.add_resource(Liveness, "/livez")
api.add_resource(Readiness, "/readyz")
