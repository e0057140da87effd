# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 database-crud:app
# Bottle has no data layer of its own; SQLAlchemy is the usual choice.
import os

from bottle import Bottle, request, response
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
app = Bottle()


@app.post("/items")
def create_item():
    data = request.json
    with Session(engine) as session:
        item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
        session.add(item)
        try:
            session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            response.status = 409
            return {"error": f"item {data['sku']} already exists"}
        response.status = 201
        return item.to_dict()


@app.get("/items/<sku>")
def read_item(sku: str):
    with Session(engine) as session:
        item = session.get(Item, sku)
        if item is None:
            response.status = 404  # not abort(404): that would render Bottle's HTML error page
            return {"error": f"item {sku} not found"}
        return item.to_dict()
