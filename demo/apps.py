from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demonstration data for `make run` (staff of every role and a journey's worth of
    applications) and the benchmark of `make bench`. It sits above every domain app because it
    uses them."""

    name = "demo"
    verbose_name = "Demonstration data"
