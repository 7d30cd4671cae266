"""The page benchmarks (`make bench-cases`, `make bench-messages`), run end to end at a tiny
size on PostgreSQL, so that they cannot rot as the tables they seed gain columns: My cases'
seed had not filled columns added after it and failed on its first row."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from cases.models import Case
from cases.search import case_search_names

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")


def test_nfr_5_bench_my_cases_seeds_and_measures_at_a_tiny_size():
    out = io.StringIO()
    call_command("bench_my_cases", "--sizes", "2000", "--runs", "3", "--warm-up", "1", stdout=out)
    assert Case.objects.count() == 2000
    for case in Case.objects.prefetch_related("parties"):
        assert case.search_names == case_search_names([p.name for p in case.parties.all()])
    assert "2,000 cases" in out.getvalue()


def test_nfr_5_bench_message_box_seeds_and_measures_at_a_tiny_size():
    out = io.StringIO()
    call_command("bench_message_box", "--sizes", "30", "--runs", "3", stdout=out)
    assert "30 messages" in out.getvalue()
