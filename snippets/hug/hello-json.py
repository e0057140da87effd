# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 hello-json:__hug_wsgi__
import hug


@hug.get("/hello")
def hello():
    return {"message": "Hello, World!"}
