# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 database-crud:app
# Litestar's SQLAlchemy plugin (from Advanced Alchemy) owns the engine, creates the tables at
# start-up, injects a request-scoped `db_session`, and (de)serialises the model itself.
import os

from advanced_alchemy.extensions.litestar import SQLAlchemyAsyncConfig, SQLAlchemyPlugin
from litestar import Litestar, get, post
from litestar.exceptions import ClientException, NotFoundException
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "items"
    sku: Mapped[str] = mapped_column(primary_key=True)
    name: Mapped[str]
    quantity: Mapped[int]


@post("/items")  # POST handlers answer 201 Created by default
async def create_item(data: Item, db_session: AsyncSession) -> Item:
    db_session.add(data)
    try:
        await db_session.flush()  # sends the INSERT now: the primary key decides, no race
    except IntegrityError as exc:
        raise ClientException(status_code=409, detail=f"item {data.sku} already exists") from exc
    return data


@get("/items/{sku:str}")
async def read_item(sku: str, db_session: AsyncSession) -> Item:
    item = await db_session.get(Item, sku)
    if item is None:
        raise NotFoundException(detail=f"item {sku} not found")
    return item


# DATABASE_URL is a libpq URL (postgresql://...); SQLAlchemy picks the driver from its scheme.
db = SQLAlchemyAsyncConfig(
    connection_string=os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1),
    metadata=Base.metadata,
    create_all=True,
    before_send_handler="autocommit",  # commit just before a 2xx response goes out, else roll back
)
app = Litestar([create_item, read_item], plugins=[SQLAlchemyPlugin(config=db)])
