# Run: DATABASE_URL=postgresql://localhost/shop gunicorn --workers 1 --bind 127.0.0.1:8000 database-crud:app
# Pyramid has no data layer of its own; its cookiecutter uses SQLAlchemy (there committed by
# pyramid_tm after the view). Committing in the view keeps the 409 next to its cause.
import os

from pyramid.config import Configurator
from pyramid.view import view_config
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


@view_config(route_name="items", request_method="POST", renderer="json")
def create_item(request):
    data = request.json_body
    with Session(engine) as session:
        item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
        session.add(item)
        try:
            session.commit()  # the primary key, not a prior SELECT, decides: no race
        except IntegrityError:
            request.response.status_code = 409
            return {"error": f"item {data['sku']} already exists"}
        request.response.status_code = 201
        return item.to_dict()


@view_config(route_name="item", request_method="GET", renderer="json")
def read_item(request):
    sku = request.matchdict["sku"]
    with Session(engine) as session:
        item = session.get(Item, sku)
        if item is None:
            request.response.status_code = 404
            return {"error": f"item {sku} not found"}
        return item.to_dict()


with Configurator() as config:
    config.add_route("items", "/items")
    config.add_route("item", "/items/{sku}")
    config.scan()
    app = config.make_wsgi_app()
