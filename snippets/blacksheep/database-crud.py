# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 database-crud:app
# BlackSheep has no data layer of its own; SQLAlchemy's asyncio API is the usual choice.
import os
from dataclasses import dataclass

from blacksheep import Application, FromJSON, get, json, post
from blacksheep.server.responses import created, not_found
from sqlalchemy import Integer, String
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    sku: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    quantity: Mapped[int] = mapped_column(Integer)

    def to_dict(self) -> dict:
        return {"sku": self.sku, "name": self.name, "quantity": self.quantity}


@dataclass
class NewItem:
    sku: str
    name: str
    quantity: int


# DATABASE_URL is a libpq URL (postgresql://...); psycopg 3 serves both the sync and the asyncio engine.
engine = create_async_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
Session = async_sessionmaker(engine, expire_on_commit=False)
app = Application()


@app.lifespan
async def database():
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    yield
    await engine.dispose()


@post("/items")
async def create_item(data: FromJSON[NewItem]):
    item = Item(sku=data.value.sku, name=data.value.name, quantity=data.value.quantity)
    async with Session() as session:
        session.add(item)
        try:
            await session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            return json({"error": f"item {item.sku} already exists"}, status=409)
    return created(item.to_dict())


@get("/items/{sku}")
async def read_item(sku: str):
    async with Session() as session:
        item = await session.get(Item, sku)
    if item is None:
        return not_found({"error": f"item {sku} not found"})
    return item.to_dict()
