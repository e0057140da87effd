# Run: DATABASE_URL=postgresql://localhost/shop hypercorn --workers 1 --bind 127.0.0.1:8000 database-crud:app
# Quart has no data layer of its own; SQLAlchemy's asyncio extension (here over psycopg 3)
# keeps the event loop free while PostgreSQL answers.
import os

from quart import Quart, request
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
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


# DATABASE_URL is a libpq URL (postgresql://...); SQLAlchemy picks the driver from its scheme.
engine = create_async_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
Session = async_sessionmaker(engine, expire_on_commit=False)
app = Quart(__name__)


@app.before_serving
async def create_tables():
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)


@app.after_serving
async def close_pool():
    await engine.dispose()


@app.post("/items")
async def create_item():
    data = await request.get_json()
    async with Session() as session:
        item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
        session.add(item)
        try:
            await session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            return {"error": f"item {data['sku']} already exists"}, 409
        return item.to_dict(), 201


@app.get("/items/<sku>")
async def read_item(sku: str):
    async with Session() as session:
        item = await session.get(Item, sku)
        if item is None:
            return {"error": f"item {sku} not found"}, 404
        return item.to_dict()
