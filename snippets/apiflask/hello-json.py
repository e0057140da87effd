# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 hello-json:app
from apiflask import APIFlask

app = APIFlask(__name__)


@app.get("/hello")
def hello():
    return {"message": "Hello, World!"}
