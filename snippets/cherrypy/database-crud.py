# Run: DATABASE_URL=postgresql://localhost/shop python database-crud.py --port 8000
# CherryPy bundles no data layer; its docs point to SQLAlchemy.
import argparse
import os

import cherrypy
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


@cherrypy.expose
class Items:
    # Under the MethodDispatcher an HTTP method calls the method of that name; the rest of
    # the path (/items/sku-1) arrives as positional arguments.

    @cherrypy.tools.json_in()
    @cherrypy.tools.json_out()
    def POST(self):
        data = cherrypy.request.json
        with Session(engine) as session:
            item = Item(sku=data["sku"], name=data["name"], quantity=data["quantity"])
            session.add(item)
            try:
                session.commit()  # the primary key, not a prior SELECT, decides: no race
            except IntegrityError:
                cherrypy.response.status = 409
                return {"error": f"item {data['sku']} already exists"}
            cherrypy.response.status = 201
            return item.to_dict()

    @cherrypy.tools.json_out()
    def GET(self, sku: str):
        with Session(engine) as session:
            item = session.get(Item, sku)
            if item is None:
                cherrypy.response.status = 404
                return {"error": f"item {sku} not found"}
            return item.to_dict()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8080)
    Base.metadata.create_all(engine)
    # CherryPy serves itself (on Cheroot); it binds 127.0.0.1 unless server.socket_host says otherwise.
    cherrypy.config.update({"environment": "production", "log.screen": True, "server.socket_port": parser.parse_args().port})
    cherrypy.quickstart(Items(), "/items", {"/": {"request.dispatch": cherrypy.dispatch.MethodDispatcher()}})
