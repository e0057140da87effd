# Run: emmett -a hello-json.py serve --host 127.0.0.1 --port 8000 --workers 1
from emmett import App
from emmett.tools import service

app = App(__name__)


@app.route("/hello", methods="get")
@service.json
async def hello():
    return {"message": "Hello, World!"}
