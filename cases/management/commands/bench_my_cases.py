"""How long an OU's first page of "My cases" takes with 10,000 and with 1,000,000 cases in
its organization (CASE-2, CASE-4): seeded in bulk inside PostgreSQL, then measured through the
real page view, rendering included."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client

from accounts.models import AccountStatus, User
from cases.models import Case, CaseAssignment, CaseLink, CaseParty, ProceedingType
from cases.selectors.my_cases import MY_CASES_PAGE_SIZE, my_cases_query
from core.benchmarks import figures_write, time_in_turns
from organizations.codes import organization_code_new
from organizations.models import Branch, Organization, OrganizationStatus, OrganizationType
from permissions.roles import Role

ORGANIZATION_USERS = 20
# Of every 25 cases, 20 are assigned to one OU each, in turn, and 5 to none (their messages go
# to the default OUs): the measured OU holds 1 case in 25 (4%).
CYCLE = 25


class Command(BaseCommand):
    help = (
        "Seed, for each size, an organization whose N cases each have a party and a current "
        "link (1 in 25 assigned to the measured OU), then measure that OU's first page of My "
        "cases (GET /cases/ through the page view, rendering included) and print p50 and p95. "
        "PostgreSQL only; seeded organizations are kept and reused on the next run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--sizes", type=int, nargs="+", default=[10_000, 1_000_000], help="Cases per run."
        )
        parser.add_argument("--runs", type=int, default=200, help="Measured requests per size.")
        parser.add_argument("--warm-up", type=int, default=10, help="Requests not measured.")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "This benchmark needs PostgreSQL (DATABASE_URL=postgres://...): it seeds up to "
                "a million cases with INSERT ... SELECT generate_series, and measures the "
                "indexes the portal runs on in production. SQLite is not measured."
            )
        if options["runs"] < 1 or any(size < CYCLE for size in options["sizes"]):
            raise CommandError(f"--runs must be at least 1 and each size at least {CYCLE}.")
        runs, warm_up = options["runs"], options["warm_up"]
        clients = {}
        for size in options["sizes"]:
            organization_user = self._seeded(size)
            self._show_plan(size, organization_user)
            clients[size] = Client(HTTP_HOST="localhost")
            clients[size].force_login(organization_user)
        figures = time_in_turns(clients, self._time_first_page, runs=runs, warm_up=warm_up)
        figures_write(
            self.stdout.write,
            figures,
            unit="cases",
            what=f"{runs} runs of GET /cases/ as the OU, after {warm_up} to warm up",
        )

    # --- seeding ---------------------------------------------------------------------------------

    def _seeded(self, size: int) -> User:
        """The measured OU of the organization with `size` cases, seeded if need be."""
        name = f"Benchmark firm, {size:,} cases"
        organization = Organization.objects.filter(name=name).first()
        if organization is not None:
            held = CaseLink.objects.filter(organization=organization, ended_at__isnull=True)
            if held.count() == size:
                self.stdout.write(f"{size:,} cases: using the organization seeded before")
                return self._organization_users(organization)[0]
            raise CommandError(f'"{name}" exists with other cases: use a fresh database.')
        started = time.perf_counter()
        with transaction.atomic():
            organization = Organization.objects.create(
                code=organization_code_new(),
                name=name,
                organization_type=OrganizationType.LAW_FIRM,
                address="Benchmark",
                status=OrganizationStatus.ACTIVE,
            )
            branch = Branch.objects.create(organization=organization, code="BENCH")
            self._account(organization, None, Role.PA, f"bench{size}pa")
            for index in range(ORGANIZATION_USERS):
                self._account(organization, branch, Role.OU, f"bench{size}ou{index:02d}")
            organization_users = self._organization_users(organization)
            self._seed_cases(organization, organization_users, size)
        with connection.cursor() as cursor:
            for model in (Case, CaseParty, CaseLink, CaseAssignment):
                cursor.execute(f"ANALYZE {model._meta.db_table}")  # noqa: S608
        self.stdout.write(f"{size:,} cases: seeded in {time.perf_counter() - started:.1f} s")
        return organization_users[0]

    def _account(self, organization, branch, role, login_name) -> None:
        account = User(
            login_name=login_name,
            role=role,
            organization=organization,
            branch=branch,
            status=AccountStatus.ACTIVE,
            surname="Bench",
            given_name=login_name,
            email=f"{login_name}@bench.invalid",
        )
        account.set_unusable_password()
        account.save()

    def _organization_users(self, organization) -> list[User]:
        return list(
            User.objects.filter(organization=organization, role=Role.OU).order_by("login_name")
        )

    def _seed_cases(self, organization, organization_users, size: int) -> None:
        """Cases numbered DCPI <serial>/<year> in years from 3000 on, apart from any real
        case; links newest for the highest case; every row made by one INSERT ... SELECT."""
        kind = ProceedingType.objects.get(code="DCPI")
        case, party = Case._meta.db_table, CaseParty._meta.db_table
        link, assignment = CaseLink._meta.db_table, CaseAssignment._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT coalesce(max(id), 0), coalesce(max(substring(number from "  # noqa: S608
                f"'/(3[0-9]{{3}})$')::int) + 1, 3000) FROM {case}"
            )
            first_id, year = cursor.fetchone()
            cursor.execute(
                f"INSERT INTO {case} (number, proceeding_type_id, title, title_zh, "  # noqa: S608
                "status, final_disposal_date, created_at, search_names) "
                "SELECT 'DCPI ' || (g %% 900000 + 1) || '/' || (%s + g / 900000), %s, "
                "'Benchmark v. Case ' || g, '', 'ONGOING', NULL, now(), '' "
                "FROM generate_series(0, %s - 1) AS g",
                [year, kind.pk, size],
            )
            cursor.execute(
                f"INSERT INTO {party} (case_id, party_type, position, name, "  # noqa: S608
                f"name_zh) SELECT id, 'PLAINTIFF', 1, 'Plaintiff ' || id, '' FROM {case} "
                "WHERE id > %s",
                [first_id],
            )
            # The party's name folded as cases.search.case_search_names folds it.
            cursor.execute(
                f"UPDATE {case} c SET search_names = lower(p.name) FROM {party} p "  # noqa: S608
                "WHERE p.case_id = c.id AND c.id > %s",
                [first_id],
            )
            cursor.execute(
                f"INSERT INTO {link} (case_id, party_id, organization_id, route, "  # noqa: S608
                "capacity, linked_at) SELECT p.case_id, p.id, %s, 'NOTICE_OF_CONSENT', "
                "'REPRESENTATION', "
                "now() - (%s - p.case_id) * interval '1 minute' "
                f"FROM {party} p WHERE p.case_id > %s ORDER BY p.case_id",
                [organization.pk, first_id + size, first_id],
            )
            cursor.execute(
                f"INSERT INTO {assignment} (link_id, organization_id, "  # noqa: S608
                "organization_user_id, assigned_at) "
                "SELECT l.id, l.organization_id, (%s::bigint[])[(l.case_id %% %s) + 1], "
                f"l.linked_at FROM {link} l WHERE l.organization_id = %s "
                "AND l.case_id %% %s < %s ORDER BY l.id",
                [
                    [ou.pk for ou in organization_users],
                    CYCLE,
                    organization.pk,
                    CYCLE,
                    len(organization_users),
                ],
            )

    # --- measuring -------------------------------------------------------------------------------

    def _show_plan(self, size: int, organization_user) -> None:
        rows = my_cases_query(actor=organization_user)[: MY_CASES_PAGE_SIZE + 1]
        plan = rows.explain(analyze=True)
        self.stdout.write(f"{size:,} cases: the plan of the OU's first page")
        for line in plan.splitlines():
            self.stdout.write(f"    {line}")

    def _time_first_page(self, client) -> float:
        started = time.perf_counter()
        response = client.get("/cases/")
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200 or b'rel="next"' not in response.content:
            raise CommandError(f"GET /cases/ answered {response.status_code}, not a full page")
        return elapsed
