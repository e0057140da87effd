# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 hello-json:app
from bottle import Bottle

app = Bottle()


@app.get("/hello")
def hello():
    return {"message": "Hello, World!"}  # Bottle's JSON plugin serialises dicts
