"""The production start, as `make serve` runs it: gunicorn with the production settings on
PostgreSQL and Redis, email through SMTP, the documents in an S3-compatible bucket, behind a
TLS proxy (which the requests stand for by sending X-Forwarded-Proto). Runs in the PostgreSQL
pass of the suite."""

import http.client
import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from django_otp.oath import TOTP
from urllib3 import encode_multipart_formdata

from tests.conftest import free_port
from tests.factories import PDF_BYTES, particulars

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.production,
    pytest.mark.skipif(
        not os.environ.get("DATABASE_URL", "").startswith("postgres"),
        reason="the production start runs in the PostgreSQL pass of the suite",
    ),
]
PG = "postgres://postgres@127.0.0.1:5432"
PASSWORD = "Smoke-Test-Court-2026"


@pytest.fixture
def database():
    """A database of its own, new for each run and dropped after it."""
    name = f"icms_prodsmoke_{os.getpid()}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{PG}/{name}"
    with psycopg.connect(f"{PG}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def production_env(database, smtp_server, documents_bucket, tmp_path):
    controller, _ = smtp_server
    port = free_port()
    clean = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TZ") if k in os.environ}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ICMS_AUDIT_KEY": secrets.token_urlsafe(40),
        "DATABASE_URL": database,
        "REDIS_URL": "redis://127.0.0.1:6379/13",
        "ICMS_EMAIL": "smtp",
        "EMAIL_HOST": controller.hostname,
        "EMAIL_PORT": str(controller.port),
        "DJANGO_TRUST_PROXY_HEADER": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "ICMS_SITE_URL": "https://127.0.0.1",
        "ICMS_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "ICMS_STATIC_ROOT": str(tmp_path / "static"),
        # The documents in a bucket, as several app servers keep them; no folder of its own.
        **documents_bucket.environment(),
    }


@pytest.fixture
def server(production_env, tmp_path):
    """`make serve` without the virtualenv step: check, migrate, collectstatic, gunicorn."""
    log = (tmp_path / "serve.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "config.serve"],
        cwd=ROOT,
        env=production_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    host, port = production_env["ICMS_BIND"].split(":")
    try:
        deadline = time.monotonic() + 45
        while True:
            assert process.poll() is None, (tmp_path / "serve.log").read_text()
            try:
                with socket.create_connection((host, int(port)), timeout=1):
                    break
            except OSError:
                assert time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(0.2)
        yield host, int(port)
    finally:
        os.killpg(process.pid, signal.SIGTERM)  # gunicorn and its workers
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log.close()


def _request(server, method, path, body=None, headers=None, proxied=True):
    host, port = server
    conn = http.client.HTTPConnection(host, port, timeout=15)
    sent = {"Host": "127.0.0.1", **(headers or {})}
    if proxied:
        sent["X-Forwarded-Proto"] = "https"
    conn.request(method, path, body=body, headers=sent)
    response = conn.getresponse()
    content = response.read()
    conn.close()
    return response, content


def test_production_start_serves_health_static_files_and_staff_login(
    server, production_env, smtp_server, documents_bucket
):
    started = time.monotonic()
    # /healthz answers the load balancer over plain HTTP, without a login.
    response, body = _request(server, "GET", "/healthz", proxied=False)
    assert (response.status, json.loads(body)) == (
        200,
        {"status": "ok", "database": "ok", "cache": "ok"},
    )
    # A page over plain HTTP is sent to HTTPS; through the proxy it is served.
    response, _ = _request(server, "GET", "/", proxied=False)
    assert (response.status, response.getheader("Location")) == (301, "https://127.0.0.1/")
    response, page = _request(server, "GET", "/")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == "max-age=31536000"
    # The page names its stylesheet by the collected, hashed name, and it is served.
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page.decode())[1]
    response, _ = _request(server, "GET", stylesheet)
    assert response.status == 200
    assert response.getheader("Content-Type").startswith("text/css")

    # A staff member, made as an administrator would make one, with an authenticator app set
    # up, logs in through the API with a password and a one-time code.
    key = "3132333435363738393031323334353637383930"
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from accounts.models import User; "
            "from django_otp.plugins.otp_totp.models import TOTPDevice; "
            "u = User(login_name='vetting1', role='VETTING', surname='Chan', "
            "given_name='Ka Wai', email='vetting1@judiciary.example', status='ACTIVE'); "
            f"u.set_password('{PASSWORD}'); u.save(); "
            f"TOTPDevice.objects.create(user=u, name='app', key='{key}', confirmed=True)",
        ],
        cwd=ROOT,
        env=production_env,
        check=True,
        capture_output=True,
        timeout=30,
    )
    response, body = _request(
        server,
        "POST",
        "/api/v1/auth/login/",
        json.dumps(
            {
                "login_name": "vetting1",
                "password": PASSWORD,
                "one_time_code": f"{TOTP(bytes.fromhex(key)).token():06d}",
            }
        ),
        {"Content-Type": "application/json"},
    )
    assert response.status == 200, body
    token = json.loads(body)["token"]
    response, _ = _request(
        server,
        "GET",
        "/api/v1/backoffice/applications/",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status == 200

    # Email leaves through the SMTP server.
    _, inbox = smtp_server
    subprocess.run(
        [sys.executable, "manage.py", "sendtestemail", "officer@judiciary.example"],
        cwd=ROOT,
        env=production_env,
        check=True,
        capture_output=True,
        timeout=30,
    )
    assert [m["To"] for m in inbox.messages] == ["officer@judiciary.example"]

    # An applicant's proof of involvement goes to the documents' bucket, and the vetting
    # officer reads it back from there through the API.
    body, content_type = encode_multipart_formdata(
        {
            **particulars(),
            "cases": json.dumps([{"case_number": "DCPI 1234/2025", "party_type": "PLAINTIFF"}]),
            "proof_of_involvement": ("proof.pdf", PDF_BYTES, "application/pdf"),
        }
    )
    response, body = _request(
        server, "POST", "/api/v1/applications/", body, {"Content-Type": content_type}
    )
    assert response.status == 201, body
    [key] = documents_bucket.keys()
    assert documents_bucket.read(key) == PDF_BYTES
    response, body = _request(
        server,
        "GET",
        "/api/v1/backoffice/applications/",
        headers={"Authorization": f"Bearer {token}"},
    )
    [document] = json.loads(body)["results"][0]["documents"]
    response, body = _request(
        server,
        "GET",
        f"/api/v1/backoffice/documents/{document['id']}/",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert (response.status, body) == (200, PDF_BYTES)

    # Django's deployment checks pass with these settings, no warning left unexplained.
    check = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert check.returncode == 0, check.stderr
    assert time.monotonic() - started < 30


def test_healthz_is_503_when_the_cache_does_not_answer(production_env, tmp_path):
    """The same view with Redis out of reach: the load balancer takes this process out."""
    env = {**production_env, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}
    code = (
        "import django, json; django.setup(); "
        "from django.test import Client; "
        "r = Client().get('/healthz', headers={'host': '127.0.0.1'}); "
        "print(r.status_code, json.dumps(r.json(), sort_keys=True))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip().splitlines()[-1] == (
        '503 {"cache": "down", "database": "ok", "status": "unavailable"}'
    )
