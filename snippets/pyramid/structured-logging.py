# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 structured-logging:app
import logging
import sys
import time
import uuid

from pyramid.config import Configurator
from pyramid.view import view_config
from pythonjsonlogger.json import JsonFormatter

# Standard logging with python-json-logger's formatter: one JSON object per line on standard output.
# gunicorn writes no access log unless asked to, and its own messages go to standard error.
stdout = logging.StreamHandler(sys.stdout)
stdout.setFormatter(JsonFormatter("%(levelname)s %(message)s", rename_fields={"levelname": "level"}, timestamp=True))
log = logging.getLogger("access")
log.addHandler(stdout)
log.setLevel(logging.INFO)
log.propagate = False


def access_log_tween_factory(handler, registry):
    # Added without a position, a tween sits above Pyramid's exception view tween: it gets the
    # responses exception views render, such as the 404 for an unknown route.
    def access_log_tween(request):
        started = time.perf_counter()
        request_id = request.headers.get("X-Request-ID") or uuid.uuid4().hex
        response = handler(request)
        response.headers["X-Request-ID"] = request_id
        log.info(
            "request",
            extra={
                "method": request.method,
                "path": request.path,
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - started) * 1000, 3),
                "request_id": request_id,
            },
        )
        return response

    return access_log_tween


@view_config(route_name="health", renderer="json")
def health(request):
    return {"status": "ok"}


with Configurator() as config:
    config.add_route("health", "/health")
    config.add_tween(f"{__name__}.access_log_tween_factory")  # tweens are named by dotted path
    config.scan()
    app = config.make_wsgi_app()
