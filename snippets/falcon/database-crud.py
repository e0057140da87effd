# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 database-crud:app
# Falcon has no data layer of its own; its FAQ shows SQLAlchemy, with the engine (a pool)
# created once and handed to the resources.
import os

import falcon
from sqlalchemy import Engine, Integer, String, create_engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    sku: Mapped[str] = mapped_column(String, primary_key=True)
    name: Mapped[str] = mapped_column(String)
    quantity: Mapped[int] = mapped_column(Integer)

    def to_dict(self) -> dict:
        return {"sku": self.sku, "name": self.name, "quantity": self.quantity}


class Items:
    def __init__(self, engine: Engine):
        self.engine = engine

    def on_post(self, req: falcon.Request, resp: falcon.Response):
        data = req.get_media()
        with Session(self.engine) as session:
            item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
            session.add(item)
            try:
                session.commit()  # the primary key, not a prior SELECT, decides: no race
            except IntegrityError:
                raise falcon.HTTPConflict(description=f"item {data['sku']} already exists")
            resp.status = falcon.HTTP_201
            resp.media = item.to_dict()

    def on_get_item(self, req: falcon.Request, resp: falcon.Response, sku: str):
        with Session(self.engine) as session:
            item = session.get(Item, sku)
            if item is None:
                raise falcon.HTTPNotFound(description=f"item {sku} not found")  # rendered as JSON
            resp.media = item.to_dict()


# DATABASE_URL is a libpq URL (postgresql://...); SQLAlchemy picks the driver from its scheme.
engine = create_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
Base.metadata.create_all(engine)
app = falcon.App()
items = Items(engine)
app.add_route("/items", items)
app.add_route("/items/{sku}", items, suffix="item")
