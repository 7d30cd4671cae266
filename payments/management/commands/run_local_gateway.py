"""`manage.py run_local_gateway --port 8090`: the local payment gateway for development and
tests (payments.gateways.local_server), on loopback, with the API key and webhook secret of
the portal's settings (PAYMENT_GATEWAY)."""

from django.conf import settings
from django.core.management.base import BaseCommand

from payments.gateways.local_server import make_server


class Command(BaseCommand):
    help = "Run the local payment gateway (development and tests only) on loopback."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8090)
        parser.add_argument(
            "--webhook-url",
            default=settings.SITE_URL + "/api/v1/payments/gateway/events/",
            help="Where the gateway POSTs its signed events (the portal's webhook).",
        )

    def handle(self, *args, port, webhook_url, **options):
        config = settings.PAYMENT_GATEWAY
        server = make_server(
            host="127.0.0.1",
            port=port,
            api_key=config["API_KEY"],
            webhook_secret=config["WEBHOOK_SECRET"],
            webhook_url=webhook_url,
        )
        self.stdout.write(f"Local payment gateway on http://127.0.0.1:{port}/", ending="\n")
        self.stdout.flush()
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
