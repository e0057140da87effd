# Run: env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python hello-json.py --processes 1
from robyn import Robyn

app = Robyn(__file__)


@app.get("/hello")
def hello():
    return {"message": "Hello, World!"}  # a dict is answered as JSON


app.start()  # Robyn is its own server: ROBYN_HOST and ROBYN_PORT say where it listens
