"""The server `manage.py bench_public_services` starts to measure throughput (issue 15): the
portal's WSGI application, its own settings and middleware, with two changes for the benchmark
only, never for a deployment:

- a bare view, `GET /bench/ok/` answering "ok" (`benchmark_urls`), through the same middleware,
  as the yardstick the DRN check is compared with;
- the public rate limits of the measured pages (`drn_check`, `cause_book`) raised out of reach,
  so that the 429 page is never what is measured. They still count every request in the cache,
  as in production.

Served by gunicorn: `gunicorn demo.benchmark_server:application`."""

import os

os.environ["DJANGO_SETTINGS_MODULE"] = "demo.benchmark_settings"

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from demo.benchmark_limits import raise_public_limits  # noqa: E402

raise_public_limits()
