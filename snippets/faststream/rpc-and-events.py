# Run: BROKER_URL=amqp://localhost uvicorn --workers 1 --host 127.0.0.1 --port 8000 rpc-and-events:gateway
# The second service, as its own process: faststream run rpc-and-events:billing
# Each service has its own broker connection, so each process starts only its own subscribers.
import json
import os

from faststream import FastStream
from faststream.asgi import AsgiFastStream, AsgiResponse, Request, get, post
from faststream.rabbit import ExchangeType, RabbitBroker, RabbitExchange, RabbitQueue
from pydantic import BaseModel

# What the two services share: two RPC queues, and an exchange for events that any service may bind a queue to.
PRICE = RabbitQueue("billing.price")
LEDGER = RabbitQueue("billing.ledger")
EVENTS = RabbitExchange("events", type=ExchangeType.TOPIC)
ORDER_PLACED = RabbitQueue("billing.order-placed", routing_key="order_placed")  # billing's queue for the event

PRICES = {"sku-1": 42}
ORDERS: list[dict] = []


class Order(BaseModel):
    sku: str
    quantity: int
    price: int


# -- billing: answers two RPC queues and records every order_placed event ---------------------------
billing_broker = RabbitBroker(os.environ["BROKER_URL"])
billing = FastStream(billing_broker)


@billing_broker.subscriber(PRICE)
async def price(sku: str, quantity: int) -> int:  # a JSON object is unpacked into the arguments
    return PRICES[sku] * quantity  # the return value is the RPC reply


@billing_broker.subscriber(LEDGER)
async def ledger() -> list[dict]:
    return ORDERS


@billing_broker.subscriber(ORDER_PLACED, EVENTS)
async def record(order: Order) -> None:  # the JSON body is parsed and validated into the model
    ORDERS.append(order.model_dump())


# -- gateway: HTTP in, RPC and an event out ----------------------------------------------------------
gateway_broker = RabbitBroker(os.environ["BROKER_URL"])
order_placed = gateway_broker.publisher(exchange=EVENTS, routing_key="order_placed")


async def declare_topology() -> None:
    # AsgiFastStream takes requests before its broker has connected: connect first. Then declare what
    # both services use (declaring is idempotent), so an order sent while billing is still starting
    # waits in its queue, and its event in billing's queue, instead of being returned or dropped.
    await gateway_broker.connect()
    await gateway_broker.declare_queue(PRICE)
    await gateway_broker.declare_queue(LEDGER)
    queue = await gateway_broker.declare_queue(ORDER_PLACED)
    await queue.bind(await gateway_broker.declare_exchange(EVENTS), routing_key="order_placed")


def json_response(data: object, status_code: int = 200) -> AsgiResponse:
    return AsgiResponse(json.dumps(data).encode(), status_code, {"Content-Type": "application/json"})


@post
async def place_order(request: Request) -> AsgiResponse:
    order = await request.json()
    reply = await gateway_broker.request(order, queue=PRICE)  # RPC: waits for the reply
    order["price"] = await reply.decode()
    await order_placed.publish(order)  # event: published, nobody waits
    return json_response(order, 201)


@get
async def show_ledger(request: Request) -> AsgiResponse:
    reply = await gateway_broker.request(None, queue=LEDGER)
    return json_response(await reply.decode())


gateway = AsgiFastStream(
    gateway_broker,
    asgi_routes=[("/orders", place_order), ("/ledger", show_ledger)],
    on_startup=[declare_topology],
)
