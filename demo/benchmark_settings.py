"""The portal's settings with the benchmark's URLs (`demo.benchmark_urls`: the portal's, and a
bare view). Only for the server `manage.py bench_public_services` starts."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "demo.benchmark_urls"
