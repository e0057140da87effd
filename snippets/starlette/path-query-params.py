# Run: uvicorn --workers 1 --host 127.0.0.1 --port 8000 path-query-params:app
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.routing import Route


async def read_item(request):
    return JSONResponse({"id": request.path_params["item_id"], "q": request.query_params.get("q")})


async def http_error(request, exc: HTTPException):
    # /items/abc does not match {item_id:int}, so Starlette answers 404: as JSON, not plain text.
    return JSONResponse({"error": exc.detail}, status_code=exc.status_code)


app = Starlette(
    routes=[Route("/items/{item_id:int}", read_item)],  # the :int convertor hands the endpoint an int
    exception_handlers={HTTPException: http_error},
)
