"""The local payment gateway (payments.gateways.local_server) as the tests run it: a process of
its own on loopback, started with `manage.py run_local_gateway`, delivering its signed events
to the live server's webhook."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
WEBHOOK_PATH = "/api/v1/payments/gateway/events/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session")
def local_gateway(live_server):
    """The local gateway in its own process, delivering its events to the live server."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own command, fixed arguments
        [
            sys.executable,
            "manage.py",
            "run_local_gateway",
            "--settings=config.settings_test",
            f"--port={port}",
            f"--webhook-url={live_server.url}{WEBHOOK_PATH}",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"the local gateway did not start: {process.stdout.read()!r}")
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)
