# Run: DATABASE_URL=postgresql://localhost/shop env ROBYN_HOST=127.0.0.1 ROBYN_PORT=8000 python database-crud.py --processes 1
# Robyn has no data layer of its own; SQLAlchemy is the usual choice.
import os

from robyn import Request, Response, Robyn, jsonify
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
app = Robyn(__file__)


def json_response(status: int, body: dict) -> Response:
    return Response(status, {"Content-Type": "application/json"}, jsonify(body))


@app.post("/items")
def create_item(request: Request):
    data = request.json()
    with Session(engine) as session:
        item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
        session.add(item)
        try:
            session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            return json_response(409, {"error": f"item {data['sku']} already exists"})
        return json_response(201, item.to_dict())


@app.get("/items/:sku")
def read_item(sku: str):
    with Session(engine) as session:
        item = session.get(Item, sku)
        if item is None:
            return json_response(404, {"error": f"item {sku} not found"})
        return item.to_dict()


app.start()
