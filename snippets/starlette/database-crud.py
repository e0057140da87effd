# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 database-crud:app
# Starlette has no data layer of its own; its docs point to SQLAlchemy's asyncio API among others.
import os
from contextlib import asynccontextmanager

from sqlalchemy import Integer, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Route


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    sku: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    quantity: Mapped[int] = mapped_column(Integer)

    def to_dict(self) -> dict:
        return {"sku": self.sku, "name": self.name, "quantity": self.quantity}


# DATABASE_URL is a libpq URL (postgresql://...); psycopg 3 serves both the sync and the asyncio engine.
engine = create_async_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
Session = async_sessionmaker(engine, expire_on_commit=False)


@asynccontextmanager
async def lifespan(app):
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


async def create_item(request):
    data = await request.json()
    item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
    async with Session() as session:
        session.add(item)
        try:
            await session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            return JSONResponse({"error": f"item {item.sku} already exists"}, status_code=409)
    return JSONResponse(item.to_dict(), status_code=201)


async def read_item(request):
    sku = request.path_params["sku"]
    async with Session() as session:
        item = await session.get(Item, sku)
    if item is None:
        return JSONResponse({"error": f"item {sku} not found"}, status_code=404)
    return JSONResponse(item.to_dict())


app = Starlette(
    routes=[Route("/items", create_item, methods=["POST"]), Route("/items/{sku}", read_item)],
    lifespan=lifespan,
)
