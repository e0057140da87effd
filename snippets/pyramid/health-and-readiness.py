# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 health-and-readiness:app
import os

from pyramid.config import Configurator
from pyramid.view import view_config
from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError

# The pool keeps connections between requests; pool_pre_ping tests each one as it is checked out
# and replaces those a database restart has closed. connect_timeout caps the wait on a silent host.
engine = create_engine(
    os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
    pool_pre_ping=True,
    connect_args={"connect_timeout": 1},
)


@view_config(route_name="livez", renderer="json")
def livez(request):
    # Liveness only says the process answers: a database outage is no reason to restart it.
    return {"status": "ok"}


@view_config(route_name="readyz", renderer="json")
def readyz(request):
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except SQLAlchemyError:
        request.response.status_code = 503
        return {"status": "unavailable", "reason": "database unreachable"}
    return {"status": "ready"}


with Configurator() as config:
    config.add_route("livez", "/livez")
    config.add_route("readyz", "/readyz")
    config.scan()
    app = config.make_wsgi_app()
