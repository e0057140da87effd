# Run: BROKER_URL=amqp://localhost env WEB_SERVER_ADDRESS=127.0.0.1:8000 nameko run --config config.yaml rpc-and-events:Gateway
# The second service, as its own process: nameko run --config config.yaml rpc-and-events:Billing
# Both read the broker (RabbitMQ) and the HTTP address from config.yaml, which takes them from the environment.
import json

from nameko.events import EventDispatcher, event_handler
from nameko.rpc import RpcProxy, rpc
from nameko.web.handlers import http

PRICES = {"sku-1": 42}
LEDGER: list[dict] = []  # module level: nameko makes a fresh service instance for every call


class Billing:
    name = "billing"

    @rpc
    def price(self, sku: str, quantity: int) -> int:
        return PRICES[sku] * quantity

    @rpc
    def ledger(self) -> list[dict]:
        return LEDGER

    @event_handler("gateway", "order_placed")  # (source service, event type)
    def record(self, order: dict) -> None:
        LEDGER.append(order)


class Gateway:
    name = "gateway"
    billing = RpcProxy("billing")  # dependency providers: injected into each worker, easy to replace in tests
    dispatch = EventDispatcher()

    @http("POST", "/orders")
    def place_order(self, request):
        order = request.get_json()
        order["price"] = self.billing.price(order["sku"], order["quantity"])  # RPC: waits for the reply
        self.dispatch("order_placed", order)  # event: published, nobody waits
        return 201, {"Content-Type": "application/json"}, json.dumps(order)

    @http("GET", "/ledger")
    def ledger(self, request):
        return 200, {"Content-Type": "application/json"}, json.dumps(self.billing.ledger())
