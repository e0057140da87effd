# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 websocket-echo:app
# uvicorn speaks WebSocket only with a protocol library installed (here `websockets`).
from fastapi import FastAPI, WebSocket, WebSocketDisconnect

app = FastAPI()


@app.websocket("/ws/echo")
async def echo(websocket: WebSocket):
    await websocket.accept()
    try:
        while True:
            await websocket.send_text(await websocket.receive_text())
    except WebSocketDisconnect:
        pass  # the client left; the server has already answered its close frame
