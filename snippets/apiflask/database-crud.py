# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 database-crud:app
# APIFlask has no data layer of its own; SQLAlchemy is the usual choice, and the schemas
# validate the body going in and shape the item coming out.
import os

from apiflask import APIFlask, Schema, abort
from apiflask.fields import Integer, String
from sqlalchemy import create_engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    sku: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    quantity: Mapped[int]


class ItemSchema(Schema):
    sku = String(required=True)
    name = String(required=True)
    quantity = Integer(required=True, strict=True)


# DATABASE_URL is a libpq URL (postgresql://...); SQLAlchemy picks the driver from its scheme.
engine = create_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
Base.metadata.create_all(engine)
app = APIFlask(__name__)


@app.post("/items")
@app.input(ItemSchema, location="json")
@app.output(ItemSchema, status_code=201)
def create_item(json_data: dict):
    with Session(engine, expire_on_commit=False) as session:
        item = Item(**json_data)
        session.add(item)
        try:
            session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            abort(409, f"item {item.sku} already exists")
        return item


@app.get("/items/<sku>")
@app.output(ItemSchema)
def read_item(sku: str):
    with Session(engine) as session:
        item = session.get(Item, sku)
        if item is None:
            abort(404, f"item {sku} not found")
        return item
