# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 hello-json:app
from pyramid.config import Configurator
from pyramid.view import view_config


@view_config(route_name="hello", renderer="json")
def hello(request):
    return {"message": "Hello, World!"}


with Configurator() as config:
    config.add_route("hello", "/hello")
    config.scan()  # registers the @view_config views of this module
    app = config.make_wsgi_app()
