"""`make serve`: the production start. Refuses a deployment check that is not clean, brings the
database and the static files up to date, then becomes the application server (gunicorn).

    python -m config.serve

ICMS_BIND (default 127.0.0.1:8000) is the address and port to listen on, behind the TLS proxy;
WEB_CONCURRENCY (default 2) the number of worker processes."""

import os
import shutil
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django
    from django.conf import settings
    from django.core.management import call_command

    django.setup()
    if settings.DEBUG:
        sys.exit(
            "make serve is the production start: unset DJANGO_DEBUG (make run is for developers)."
        )
    # Any warning of Django's deployment checks stops the start, e.g. security.W009 (weak key).
    call_command("check", deploy=True, fail_level="WARNING")
    call_command("migrate", interactive=False, verbosity=1)
    # Without the collected files and their manifest every page would fail (500).
    call_command("collectstatic", interactive=False, verbosity=0)
    gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable)) or "gunicorn"
    os.execv(gunicorn, [gunicorn, *gunicorn_arguments()])  # noqa: S606 - becomes gunicorn


def gunicorn_arguments() -> list[str]:
    """The application server's arguments, after its name."""
    return [
        "config.wsgi:application",
        "--bind",
        os.environ.get("ICMS_BIND", "127.0.0.1:8000"),
        "--workers",
        os.environ.get("WEB_CONCURRENCY", "2"),
        "--access-logfile",
        "-",
        # The secret links' tokens are written as "…" (config/access_log.py).
        "--logger-class",
        "config.access_log.AccessLogger",
        # The TLS proxy on the same machine or network sets X-Forwarded-*: trusted only when
        # DJANGO_TRUST_PROXY_HEADER says so (config/settings.py).
        "--forwarded-allow-ips",
        os.environ.get("ICMS_PROXY_IPS", "127.0.0.1"),
    ]


if __name__ == "__main__":
    main()
