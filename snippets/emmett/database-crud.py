# Run: DATABASE_URL=postgresql://localhost/shop emmett -a database-crud.py serve --host 127.0.0.1 --port 8000 --workers 1
# Written the way Emmett's ORM docs model a table, and it cannot start: pyDAL refuses to define a
# table whose name is an attribute of the database object, and Emmett's Database inherits an
# items() method, so define_models() raises "table already defined: items" (the default name of
# a model called Item too). The Model API has no way to map a model to another SQL table name.
# The tests run this snippet and expect exactly that failure, so a fixed Emmett shows up at once.
import os

from emmett import App, request, response
from emmett.orm import Database, Field, Model
from emmett.orm.migrations.utils import generate_runtime_migration
from emmett.tools import service
from psycopg2.errors import UniqueViolation

app = App(__name__)
# Emmett's ORM (on pyDAL, here with psycopg2) names PostgreSQL "postgres://".
app.config.db.uri = os.environ["DATABASE_URL"].replace("postgresql://", "postgres://", 1)


class Item(Model):
    tablename = "items"
    primary_keys = ["sku"]
    sku = Field.string()  # varchar(255): inserting into a table keyed on a text field fails (KeyError)
    name = Field.text()
    quantity = Field.int()


db = Database(app)
db.define_models(Item)
app.pipeline = [db.pipe]  # a connection and a transaction per request, committed on success

# A real project applies its migrations with `emmett migrations up` before starting the server;
# this one-file service has none, so the runtime migration Emmett's testing docs use creates the
# table at start-up when it is missing.
with db.connection():
    if not db.executesql("SELECT to_regclass('items')")[0][0]:
        generate_runtime_migration(db).up()
        db.commit()


def as_dict(item) -> dict:
    return {"sku": item.sku, "name": item.name, "quantity": item.quantity}


@app.route("/items", methods="post")
@service.json
async def create_item():
    data = await request.body_params
    try:
        with db.atomic():  # a savepoint: rolled back, and the error re-raised, if the INSERT fails
            # create() validates, then always INSERTs: the primary key, not a prior SELECT,
            # refuses a duplicate, so two racing requests cannot both succeed.
            row = Item.create(sku=data.sku, name=data.name, quantity=data.quantity)
    except UniqueViolation:
        response.status = 409
        return {"error": f"item {data.sku} already exists"}
    if row.errors:
        response.status = 422
        return {"error": "invalid item", "fields": row.errors}
    response.status = 201
    return as_dict(Item.get(data.sku))


@app.route("/items/<str:sku>", methods="get")
@service.json
async def read_item(sku: str):
    item = Item.get(sku)
    if item is None:
        response.status = 404
        return {"error": f"item {sku} not found"}
    return as_dict(item)
