# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 database-crud:__hug_wsgi__
# hug has no data layer of its own; SQLAlchemy is the usual choice.
import os

import hug
from sqlalchemy import Integer, String, create_engine
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


# DATABASE_URL is a libpq URL (postgresql://...); SQLAlchemy picks the driver from its scheme.
engine = create_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
Base.metadata.create_all(engine)


@hug.post("/items", status=hug.HTTP_201)
def create_item(sku: hug.types.text, name: hug.types.text, quantity: hug.types.number, response):
    with Session(engine) as session:
        item = Item(sku=sku, name=name, quantity=quantity)
        session.add(item)
        try:
            session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            response.status = hug.HTTP_409  # overrides the route's 201
            return {"error": f"item {sku} already exists"}
        return item.to_dict()


@hug.get("/items/{sku}")
def read_item(sku: hug.types.text, response):
    with Session(engine) as session:
        item = session.get(Item, sku)
        if item is None:
            response.status = hug.HTTP_404
            return {"error": f"item {sku} not found"}
        return item.to_dict()
