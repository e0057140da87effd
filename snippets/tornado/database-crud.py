# Run: DATABASE_URL=postgresql://localhost/shop python database-crud.py --host=127.0.0.1 --port=8000
# Tornado has no data layer of its own; SQLAlchemy's asyncio extension keeps the handlers non-blocking.
import asyncio
import os

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from tornado.escape import json_decode
from tornado.options import define, options, parse_command_line
from tornado.web import Application, RequestHandler

define("host", default="127.0.0.1")
define("port", default=8000, type=int)


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    sku: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    quantity: Mapped[int]

    def to_dict(self) -> dict:
        return {"sku": self.sku, "name": self.name, "quantity": self.quantity}


class ItemHandler(RequestHandler):
    def initialize(self, sessions: async_sessionmaker):  # the third element of the route below
        self.sessions = sessions

    async def post(self):
        data = json_decode(self.request.body)
        async with self.sessions() as session:
            item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
            session.add(item)
            try:
                await session.commit()  # the primary key, not a prior SELECT, decides: no race
            except IntegrityError:
                return self.answer(409, {"error": f"item {data['sku']} already exists"})
            self.answer(201, item.to_dict())

    async def get(self, sku: str):
        async with self.sessions() as session:
            item = await session.get(Item, sku)
        if item is None:
            return self.answer(404, {"error": f"item {sku} not found"})
        self.answer(200, item.to_dict())

    def answer(self, status: int, body: dict):
        self.set_status(status)
        self.write(body)


async def main():
    parse_command_line()
    # DATABASE_URL is a libpq URL (postgresql://...); SQLAlchemy picks the driver from its scheme.
    engine = create_async_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
    async with engine.begin() as conn:
        await conn.run_sync(Base.metadata.create_all)
    # expire_on_commit=False: reading the item after commit must not trigger (async) lazy loads.
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    app = Application(
        [(r"/items", ItemHandler, {"sessions": sessions}), (r"/items/([^/]+)", ItemHandler, {"sessions": sessions})]
    )
    app.listen(options.port, options.host)
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())
