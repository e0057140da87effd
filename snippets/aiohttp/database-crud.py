# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --worker-class aiohttp.GunicornWebWorker --bind 127.0.0.1:8000 database-crud:app
# aiohttp has no data layer of its own; SQLAlchemy's asyncio extension keeps the handlers non-blocking.
import os

from aiohttp import web
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    sku: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    quantity: Mapped[int]

    def to_dict(self) -> dict:
        return {"sku": self.sku, "name": self.name, "quantity": self.quantity}


routes = web.RouteTableDef()
sessions = web.AppKey("sessions", async_sessionmaker[AsyncSession])


@routes.post("/items")
async def create_item(request: web.Request) -> web.Response:
    data = await request.json()
    async with request.app[sessions]() as session:
        item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
        session.add(item)
        try:
            await session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            return web.json_response({"error": f"item {data['sku']} already exists"}, status=409)
        return web.json_response(item.to_dict(), status=201)


@routes.get("/items/{sku}")
async def read_item(request: web.Request) -> web.Response:
    sku = request.match_info["sku"]
    async with request.app[sessions]() as session:
        item = await session.get(Item, sku)
    if item is None:
        return web.json_response({"error": f"item {sku} not found"}, status=404)
    return web.json_response(item.to_dict())


# A cleanup context runs its first half at start-up and the rest at shutdown.
async def database(app: web.Application):
    # DATABASE_URL is a libpq URL (postgresql://...); SQLAlchemy picks the driver from its scheme.
    engine = create_async_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    # expire_on_commit=False: reading the item after commit must not trigger (async) lazy loads.
    app[sessions] = async_sessionmaker(engine, expire_on_commit=False)
    yield
    await engine.dispose()


app = web.Application()
app.cleanup_ctx.append(database)
app.add_routes(routes)
