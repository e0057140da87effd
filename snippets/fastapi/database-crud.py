# Run: DATABASE_URL=postgresql://localhost/shop uvicorn --workers 1 --host 127.0.0.1 --port 8000 database-crud:app
# FastAPI's docs use SQLModel (SQLAlchemy + Pydantic): one class is both the table and the request/response model.
import os
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, create_engine


class Item(SQLModel, table=True):
    __tablename__ = "items"
    sku: str = Field(primary_key=True)
    name: str
    quantity: int


# DATABASE_URL is a libpq URL (postgresql://...); SQLAlchemy picks the driver from its scheme.
engine = create_engine(os.environ["DATABASE_URL"].replace("postgresql://", "postgresql+psycopg://", 1))


@asynccontextmanager
async def lifespan(app: FastAPI):
    SQLModel.metadata.create_all(engine)
    yield


def get_session():
    with Session(engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
app = FastAPI(lifespan=lifespan)


# Plain `def` endpoints: FastAPI runs them in a thread pool, so the blocking driver does not stall the event loop.
@app.post("/items", status_code=201)
def create_item(item: Item, session: SessionDep) -> Item:
    session.add(item)
    try:
        session.commit()  # the primary key, not a prior SELECT, decides: no race
    except IntegrityError:
        raise HTTPException(409, f"item {item.sku} already exists") from None
    session.refresh(item)
    return item


@app.get("/items/{sku}")
def read_item(sku: str, session: SessionDep) -> Item:
    item = session.get(Item, sku)
    if item is None:
        raise HTTPException(404, f"item {sku} not found")
    return item
