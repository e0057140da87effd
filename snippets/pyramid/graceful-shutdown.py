# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 graceful-shutdown:app
# Nothing to write in Pyramid: on SIGTERM gunicorn stops accepting connections and lets workers
# finish the requests they are serving (for up to --graceful-timeout, 30 s by default).
import time

from pyramid.config import Configurator
from pyramid.view import view_config


@view_config(route_name="slow", renderer="json")
def slow(request):
    time.sleep(2)
    return {"status": "done"}


with Configurator() as config:
    config.add_route("slow", "/slow")
    config.scan()
    app = config.make_wsgi_app()
