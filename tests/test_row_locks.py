"""A write locks the rows it changes and nothing it only reads with them. `SELECT ... FOR
UPDATE` over a join locks a row of every joined table unless it names its own (`FOR UPDATE OF`):
a hearing's correction then held its court level (every hearing of that court waited), a
document type's its proceeding type, a party's its case and proceeding type (every link of that
type waited). The registry's writes below, on PostgreSQL, each checked for it."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import PartyType
from cases.services import registry
from cases.services.notices import case_link_correct
from core.workdays import local_today
from filing.models import DocumentType
from filing.services import policy
from hearings import services as hearings
from hearings.models import Hearing, HearingType
from tests.factories import CaseFactory, organization_with_cases, party_of, proceeding_type

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

CSV = "date,time,court,courtroom,judge_en,judge_zh,case_number,hearing_type,public\n"


@pytest.fixture(autouse=True)
def _postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=postgres://...): SQLite has no row locks")


def locks_taken(write) -> list[str]:
    """The statements `write()` ran that lock rows."""
    with CaptureQueriesContext(connection) as ran:
        write()
    locking = [query["sql"] for query in ran.captured_queries if " FOR UPDATE" in query["sql"]]
    assert locking, "the write took no row lock at all"
    return locking


def assert_own_rows_only(statements: list[str]) -> None:
    for sql in statements:
        if " JOIN " in sql:
            assert re.search(r" FOR UPDATE OF ", sql), sql


def test_svc_3_a_hearing_corrected_or_imported_again_locks_the_hearing_alone(registry_clerk):
    case, day = CaseFactory(), (local_today() + timedelta(days=1)).isoformat()
    line = f"{day},09:30,District Court,Court 23,HH Judge LEE,李法官,{case.number},MENTION,yes\n"
    hearings.cause_book_import(actor=registry_clerk, data=(CSV + line).encode())
    corrected = (CSV + line.replace("HH Judge LEE", "HH Judge HO")).encode()
    assert_own_rows_only(
        locks_taken(lambda: hearings.cause_book_import(actor=registry_clerk, data=corrected))
    )
    hearing = Hearing.objects.get()
    assert hearing.judge_en == "HH Judge HO"
    values = {
        "date": day,
        "start_time": "10:00",
        "court": "District Court",
        "courtroom": "Court 24",
        "judge_en": "HH Judge HO",
        "judge_zh": "何法官",
        "case_number": case.number,
        "hearing_type": HearingType.MENTION,
        "public": True,
        "notes": "",
    }
    assert_own_rows_only(
        locks_taken(
            lambda: hearings.hearing_update(actor=registry_clerk, hearing_id=hearing.pk, **values)
        )
    )
    assert Hearing.objects.get().courtroom == "Court 24"


def test_gen_2_court_policy_writes_lock_their_own_row_alone(registry_clerk):
    reply = DocumentType.objects.get(proceeding_type__code="DCPI", code="REPLY")
    assert_own_rows_only(
        locks_taken(
            lambda: policy.document_type_update(
                actor=registry_clerk, document_type_id=reply.pk, fee="630.10"
            )
        )
    )
    dcpi = proceeding_type("DCPI").pk
    policy.file_limits_set(
        actor=registry_clerk,
        proceeding_type_id=dcpi,
        max_file_bytes=1024 * 1024,
        max_pages=100,
        max_files=2,
    )
    remove = lambda: policy.file_limits_remove(actor=registry_clerk, proceeding_type_id=dcpi)  # noqa: E731
    assert_own_rows_only(locks_taken(remove))
    coming = registry.implementation_notice_create(
        actor=registry_clerk,
        proceeding_type_id=proceeding_type("DCEC").pk,
        effective_date=local_today() + timedelta(days=7),
        title="Employees' compensation",
    )
    assert_own_rows_only(
        locks_taken(
            lambda: registry.implementation_notice_withdraw(
                actor=registry_clerk, notice_id=coming.pk, reasons="Entered in error"
            )
        )
    )


def test_case_2_a_link_corrected_locks_the_case_then_its_own_rows(registry_clerk):
    world = organization_with_cases()
    defendant = party_of(world.case, PartyType.DEFENDANT)
    statements = locks_taken(
        lambda: case_link_correct(
            actor=registry_clerk,
            link_id=world.link.pk,
            party_id=defendant.pk,
            reasons="Linked to the plaintiff in error.",
        )
    )
    assert_own_rows_only(statements)
    assert '"cases_case"' in statements[0].split(" WHERE ")[0]  # the case's row first
