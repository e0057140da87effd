# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 database-crud:app
# Connexion has no data layer of its own; SQLAlchemy is the usual choice (its sqlalchemy example).
import os

import yaml
from connexion import AsyncApp
from sqlalchemy import create_engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

SPEC = yaml.safe_load("""
openapi: 3.0.3
info: {title: Items, version: "1.0"}
components:
  schemas:
    Item:
      type: object
      required: [sku, name, quantity]
      properties:
        sku: {type: string}
        name: {type: string}
        quantity: {type: integer}
  responses:
    Error:
      description: What went wrong
      content:
        application/json:
          schema: {type: object}
paths:
  /items:
    post:
      operationId: database-crud.create_item
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: "#/components/schemas/Item"}
      responses:
        "201":
          description: The new item
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Item"}
        "409": {$ref: "#/components/responses/Error"}
  /items/{sku}:
    get:
      operationId: database-crud.read_item
      parameters:
        - {name: sku, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: The item
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Item"}
        "404": {$ref: "#/components/responses/Error"}
""")


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


# Plain (sync) functions: the AsyncApp runs them in a thread pool, so the blocking driver
# does not stall its event loop.
def create_item(body: dict):
    with Session(engine) as session:
        item = Item(sku=body["sku"], name=body["name"], quantity=body["quantity"])
        session.add(item)
        try:
            session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            return {"error": f"item {body['sku']} already exists"}, 409
        return item.to_dict(), 201


def read_item(sku: str):
    with Session(engine) as session:
        item = session.get(Item, sku)
        if item is None:
            return {"error": f"item {sku} not found"}, 404
        return item.to_dict()


app = AsyncApp(__name__)
app.add_api(SPEC)
