# Run: DATABASE_URL=postgresql://localhost/shop sanic database-crud:app --host=127.0.0.1 --port=8000 --workers=1
# Sanic has no data layer of its own; SQLAlchemy's asyncio extension keeps the handlers non-blocking.
import os

from sanic import Request, Sanic, json
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

app = Sanic("Items")


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    sku: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    quantity: Mapped[int]

    def to_dict(self) -> dict:
        return {"sku": self.sku, "name": self.name, "quantity": self.quantity}


# Listeners run in each worker process, on its event loop.
@app.before_server_start
async def open_database(app: Sanic):
    # DATABASE_URL is a libpq URL (postgresql://...); SQLAlchemy picks the driver from its scheme.
    app.ctx.engine = create_async_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
    async with app.ctx.engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    # expire_on_commit=False: reading the item after commit must not trigger (async) lazy loads.
    app.ctx.sessions = async_sessionmaker(app.ctx.engine, expire_on_commit=False)


@app.after_server_stop
async def close_database(app: Sanic):
    await app.ctx.engine.dispose()


@app.post("/items")
async def create_item(request: Request):
    data = request.json
    async with app.ctx.sessions() as session:
        item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
        session.add(item)
        try:
            await session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            return json({"error": f"item {data['sku']} already exists"}, status=409)
        return json(item.to_dict(), status=201)


@app.get("/items/<sku>")
async def read_item(request: Request, sku: str):
    async with app.ctx.sessions() as session:
        item = await session.get(Item, sku)
    if item is None:
        return json({"error": f"item {sku} not found"}, status=404)
    return json(item.to_dict())
