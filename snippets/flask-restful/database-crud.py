# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 database-crud:app
# Flask-RESTful has no data layer of its own; SQLAlchemy is the usual choice.
import os

from flask import Flask, request
from flask_restful import Api, Resource
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

    def to_dict(self) -> dict:
        return {"sku": self.sku, "name": self.name, "quantity": self.quantity}


# DATABASE_URL is a libpq URL (postgresql://...); SQLAlchemy picks the driver from its scheme.
engine = create_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))
Base.metadata.create_all(engine)
app = Flask(__name__)
api = Api(app)


class Items(Resource):
    def post(self):
        data = request.get_json()
        with Session(engine) as session:
            item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
            session.add(item)
            try:
                session.commit()  # the primary key, not a prior SELECT, decides: no race
            except IntegrityError:
                return {"message": f"item {data['sku']} already exists"}, 409
            return item.to_dict(), 201


class ItemBySku(Resource):
    def get(self, sku: str):
        with Session(engine) as session:
            item = session.get(Item, sku)
            if item is None:
                return {"message": f"item {sku} not found"}, 404
            return item.to_dict()


api.add_resource(Items, "/items")
api.add_resource(ItemBySku, "/items/<sku>")
