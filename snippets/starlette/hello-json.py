# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 hello-json:app
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


async def hello(request):
    return JSONResponse({"message": "Hello, World!"})


app = Starlette(routes=[Route("/hello", hello)])
