"""Issue 15: the benchmark of the public services (`manage.py bench_public_services`, `make
bench-public`) runs end to end at a tiny size, so that it cannot rot: the bulk seed (its party
names folded as the services fold them, its DRNs valid), the measured pages and the throughput
server. PostgreSQL only, as the command."""

import io
from datetime import timedelta

import dj_database_url
import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from cases.models import Case, CaseParty
from cases.search import case_search_names
from core import policy
from demo.management.commands.bench_public_services import server_database_url
from documents.drn import is_valid
from documents.models import CaseDocument
from hearings.models import Hearing

pytestmark = pytest.mark.django_db


def test_bench_public_refuses_sqlite():
    if connection.vendor == "postgresql":
        pytest.skip("SQLite only")
    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("bench_public_services", "--cases", "10", stdout=io.StringIO())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_bench_public_seeds_and_measures_at_a_tiny_size():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    out = io.StringIO()
    sizes = ["--cases", "40", "--hearings", "120", "--documents", "200"]
    measure = ["--runs", "5", "--warm-up", "1", "--seconds", "0.5", "--rounds", "1"]
    call_command("bench_public_services", *sizes, *measure, "--workers", "1", stdout=out)
    text = out.getvalue()
    assert Case.objects.count() == 40 and Hearing.objects.count() == 120
    assert CaseDocument.objects.filter(drn__isnull=False).count() == 200
    for case in Case.objects.all():
        names = []
        for name, name_zh in CaseParty.objects.filter(case=case).values_list("name", "name_zh"):
            names.extend([name, name_zh])
        assert case.search_names == case_search_names(names)
    assert all(is_valid(drn) for drn in CaseDocument.objects.values_list("drn", flat=True))
    for figure in (
        "Cause Book, search by party name",
        "DRN check by number",
        "Public document search",
        "bare Django view",
    ):
        assert figure in text
    assert "Rate limits raised" in text and "Goals:" in text
    # Raised for the run only: the court's limits are back for the rest of this process.
    assert policy.RATE_LIMITS["drn_check"] == policy.RateLimit(uses=60, per=timedelta(hours=1))
    assert policy.RATE_LIMITS["cause_book"] == policy.RateLimit(uses=120, per=timedelta(hours=1))
    assert policy.RATE_LIMITS["public_search"] == policy.RateLimit(uses=120, per=timedelta(hours=1))
    # Seeded once: a second run keeps the rows.
    call_command("bench_public_services", *sizes, "--seed-only", stdout=out)
    assert Case.objects.count() == 40 and "seeded before, kept" in out.getvalue()
    # One phase alone: the search, without a count (its first page's hearings).
    only = io.StringIO()
    call_command(
        "bench_public_services",
        *sizes,
        "--runs",
        "2",
        "--warm-up",
        "0",
        "--only",
        "search",
        stdout=only,
    )
    text = only.getvalue()
    assert "Cause Book, search by party name" in text and "hearings on the first page" in text
    assert "DRN check by number" not in text and "bare Django view" not in text


@pytest.mark.parametrize(
    ("database", "url"),
    [
        (
            {"USER": "postgres", "PASSWORD": "", "HOST": "", "PORT": "", "NAME": "bench"},
            "postgres://postgres@127.0.0.1:5432/bench",
        ),
        (
            {
                "USER": "icms",
                "PASSWORD": "p@ss:word/1",
                "HOST": "/var/run/postgresql",
                "PORT": "5433",
                "NAME": "bench",
            },
            "postgres://icms:p%40ss%3Aword%2F1@%2Fvar%2Frun%2Fpostgresql:5433/bench",
        ),
    ],
)
def test_bench_public_server_reaches_the_same_database(database, url):
    """The server's DATABASE_URL is the command's database, a socket folder as host included."""
    assert server_database_url(database) == url
    parsed = dj_database_url.parse(url)
    assert parsed["HOST"] == (database["HOST"] or "127.0.0.1")
    assert parsed["PASSWORD"] == database["PASSWORD"]
