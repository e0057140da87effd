# Run: gunicorn --workers 1 --bind 127.0.0.1:8000 error-handling:app
from flask import Flask
from flask_restful import Api, Resource


class OrderNotFound(Exception):
    def __init__(self, order_id: int):
        super().__init__(f"order {order_id} not found")


class OrdersApi(Api):
    # Api.handle_error answers every error on the Api's routes (Flask's @app.errorhandler never
    # sees them): HTTP errors keep their status, anything else is a bare 500 with the traceback logged.
    def handle_error(self, e):
        if isinstance(e, OrderNotFound):
            return self.make_response({"error": str(e)}, 404)
        return super().handle_error(e)


app = Flask(__name__)
api = OrdersApi(app, catch_all_404s=True)  # unknown routes get the Api's JSON 404 too


class Order(Resource):
    def get(self, order_id: int):
        raise OrderNotFound(order_id)  # no orders are stored in this example


class Boom(Resource):
    def get(self):
        return {"result": 1 / 0}


api.add_resource(Order, "/orders/<int:order_id>")
api.add_resource(Boom, "/boom")
