# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 path-query-params:app
from pyramid.config import Configurator
from pyramid.view import notfound_view_config, view_config


@view_config(route_name="item", renderer="json")
def read_item(request):
    # The route's regex admits only digits, but Pyramid hands them over as a string.
    return {"id": int(request.matchdict["item_id"]), "q": request.GET.get("q")}


@notfound_view_config(renderer="json")
def not_found(request):
    # /items/abc does not match the route, so Pyramid answers 404: as JSON, not HTML.
    request.response.status_code = 404
    return {"error": "not found", "path": request.path}


with Configurator() as config:
    config.add_route("item", r"/items/{item_id:\d+}")
    config.scan()
    app = config.make_wsgi_app()
