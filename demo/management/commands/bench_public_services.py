"""`make bench-public` (issue 15): the public services on PostgreSQL, seeded in bulk. The Cause
Book's search by party name (SVC-3) over millions of hearings, and the public check of a
Document Reference Number (SVC-5) over millions of issued documents: p50 and p95 of each
through the real pages, and the throughput of the DRN check next to a bare Django view's, on the
same server (gunicorn, the portal's settings and middleware) in the same run."""

import datetime
import http.client
import os
import random
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client, override_settings

from cases.models import Case, CaseParty, CourtLevel, ProceedingType
from demo.benchmark_limits import RAISED_SCOPES, RAISED_USES, public_limits_raised
from demo.benchmark_urls import BARE_PATH, COUNTED_PATH, FLOOR_PATH, READ_PATH
from documents.drn import ALPHABET, RANDOM_LENGTH, check_character, drn_display, drn_new
from documents.models import CaseDocument, DocumentOrigin
from hearings.models import Hearing
from hearings.selectors import PAGE_SIZE, CauseBookFilters, cause_book_search

# Case numbers <type> <serial>/<year> from the year 2700 on, apart from any real case (and
# from bench_my_cases' 3000 on): 100,000 serials a year.
FIRST_YEAR = 2700
SERIALS = 100_000
BENCH_CASES = r"/(2[7-9][0-9]{2})$"
# Hearings and documents over two years of weekdays: the year before today and the year after.
WEEKDAYS = 2 * 52 * 5

# Names as a Hong Kong court lists them: SURNAME Given Name, with the Chinese name where the
# court has it. Common surnames appear more than once, as they are more often met.
SURNAMES = [
    *[("CHAN", "陳")] * 4,
    *[("WONG", "黃")] * 3,
    *[("LEE", "李")] * 3,
    *[("CHEUNG", "張")] * 2,
    *[("LAU", "劉")] * 2,
    *[("NG", "吳")] * 2,
    ("HO", "何"), ("LEUNG", "梁"), ("LAM", "林"), ("TAM", "譚"), ("TSANG", "曾"),
    ("YEUNG", "楊"), ("CHOW", "周"), ("CHU", "朱"), ("KWOK", "郭"), ("LO", "盧"), ("MAK", "麥"),
    ("SIU", "蕭"), ("TANG", "鄧"), ("FUNG", "馮"), ("KWAN", "關"), ("YIP", "葉"),
    ("CHENG", "鄭"), ("LAI", "黎"), ("TSE", "謝"), ("LUI", "呂"), ("POON", "潘"),
    ("SZETO", "司徒"), ("AU YEUNG", "歐陽"), ("WAN", "溫"), ("CHOI", "蔡"), ("FONG", "方"),
    ("HUI", "許"), ("KO", "高"), ("KAN", "簡"), ("LOK", "駱"), ("SO", "蘇"), ("TO", "杜"),
    ("YU", "余"), ("MOK", "莫"),
    ("SMITH", ""), ("JONES", ""), ("BROWN", ""), ("TAYLOR", ""), ("WILSON", ""),
    ("PATEL", ""), ("SINGH", ""), ("KHAN", ""), ("MURPHY", ""), ("EVANS", ""),
    ("THOMPSON", ""), ("ROBERTS", ""), ("WALKER", ""), ("WRIGHT", ""), ("HUGHES", ""),
    ("GREEN", ""), ("HALL", ""), ("WOOD", ""), ("CLARKE", ""), ("FERNANDES", ""),
]  # fmt: skip
GIVEN_NAMES = [
    ("Tai Man", "大文"), ("Ka Yan", "家欣"), ("Siu Ming", "小明"), ("Ka Ho", "家豪"),
    ("Wing Sze", "詠詩"), ("Chi Keung", "志強"), ("Mei Ling", "美玲"), ("Kwok Wai", "國偉"),
    ("Hoi Yan", "凱欣"), ("Chun Kit", "俊傑"), ("Wai Man", "偉文"), ("Siu Fong", "小芳"),
    ("Ka Wai", "嘉慧"), ("Yuk Lan", "玉蘭"), ("Man Kit", "文傑"), ("Pui Shan", "佩珊"),
    ("Tsz Ho", "梓豪"), ("Hiu Tung", "曉彤"), ("Wing Hong", "永康"), ("Sau Ying", "秀英"),
    ("Kin Wah", "健華"), ("Lai Kuen", "麗娟"), ("Chi Wai", "志偉"), ("Yee Man", "綺雯"),
    ("Peter", ""), ("Mary", ""), ("John", ""), ("Sarah", ""), ("David", ""), ("Emily", ""),
    ("Michael", ""), ("Grace", ""), ("James", ""), ("Helen", ""), ("Priya", ""), ("Omar", ""),
]  # fmt: skip
COMPANIES = [
    ("KOWLOON TRADING COMPANY LIMITED", "九龍貿易有限公司"),
    ("HARBOUR VIEW PROPERTIES LIMITED", "海景置業有限公司"),
    ("GOLDEN DRAGON RESTAURANT LIMITED", "金龍酒家有限公司"),
    ("PEARL RIVER LOGISTICS LIMITED", "珠江物流有限公司"),
    ("VICTORIA ENGINEERING LIMITED", "維多利亞工程有限公司"),
    ("NEW TERRITORIES BUS COMPANY LIMITED", "新界巴士有限公司"),
    ("ASIA PACIFIC INSURANCE LIMITED", "亞太保險有限公司"),
    ("CITY CONSTRUCTION LIMITED", ""),
]
JUDGES = [
    ("HH Judge LEE", "李法官"), ("HH Judge CHAN", "陳法官"), ("HH Judge WONG", "黃法官"),
    ("HH Judge KWOK", "郭法官"), ("HH Judge SMITH", ""), ("HH Judge TSANG", "曾法官"),
    ("Deputy District Judge HO", "何暫委法官"), ("Deputy District Judge LAM", "林暫委法官"),
    ("Master LEUNG", "梁聆案官"), ("Master YIP", "葉聆案官"),
    ("Hon Mr Justice CHEUNG", "張法官"), ("Hon Madam Justice LAU", "劉法官"),
    ("Hon Mr Justice BROWN", ""), ("Hon Madam Justice MAK", "麥法官"),
]  # fmt: skip
START_TIMES = ["09:30", "10:00", "10:30", "11:00", "14:30", "15:00"]
# Hearing types in proportion; chambers hearings are never public (SVC-3).
HEARING_TYPES = ["MENTION"] * 6 + ["CMC"] * 4 + ["TRIAL"] * 3 + ["PTR"] * 2
HEARING_TYPES += ["CHAMBERS"] * 2 + ["JUDGMENT"] * 2 + ["OTHER"]

# Document numbers, made bijective from the row's serial d (so unique) and scattered:
# 7 characters from 35 bits, 8 from 40 bits (an odd multiplier, an xorshift and an odd
# multiplier, each a bijection modulo 2^40); all products stay below 2^63.
_HI_BITS, _LO_BITS = 35, 40
_HI_MUL, _HI_ADD = 625_341_585, 12_345
_LO_MUL, _LO_ADD, _LO_SHIFT, _LO_MUL2 = 25_214_903_917, 11, 17, 4_194_319

# The page's "Hearings 1–50" and its link to the next page (it counts no more: issue 15).
_SHOWN = re.compile(r"Hearings 1–(\d+)")
PHASES = ("search", "drn", "documents", "throughput")
SEARCH = "Cause Book, search by party name"
DOCUMENTS = "Public document search"


def _check_table() -> list[int]:
    """The check character as a sum (XOR) of each body character's part. Damm's operation
    x * y = 2x + y over GF(32) is linear, so the check of a body is the XOR over its
    positions of the check of the body that has only that position's character (0 elsewhere,
    the value 0 adding nothing): taken from documents.drn itself, position by position. Flat:
    position i and value v at i * 32 + v (1-based in SQL)."""
    zero = ALPHABET[0]
    return [
        ALPHABET.index(check_character(zero * i + symbol + zero * (RANDOM_LENGTH - 1 - i)))
        for i in range(RANDOM_LENGTH)
        for symbol in ALPHABET
    ]


def _drn_sql() -> str:
    """The SQL of a DRN from its body's 15 values (columns v0 to v14, `_drn_values_sql`): the
    body's characters, then the check character, the XOR of the parts in `_check_table`."""
    body = " || ".join(f"substr(%(alphabet)s, v{i} + 1, 1)" for i in range(RANDOM_LENGTH))
    check = " # ".join(f"(%(check)s::int[])[{i * 32} + v{i} + 1]" for i in range(RANDOM_LENGTH))
    return f"{body} || substr(%(alphabet)s, ({check}) + 1, 1)"


def _drn_values_sql(d: str) -> str:
    hi = f"(({d} * {_HI_MUL} + {_HI_ADD}) & {(1 << _HI_BITS) - 1})"
    lo1 = f"(({d} * {_LO_MUL} + {_LO_ADD}) & {(1 << _LO_BITS) - 1})"
    lo = f"((({lo1} # ({lo1} >> {_LO_SHIFT})) * {_LO_MUL2}) & {(1 << _LO_BITS) - 1})"
    values = []
    for i in range(7):
        values.append(f"(({hi} >> {5 * (6 - i)}) & 31)::int AS v{i}")
    for i in range(7, RANDOM_LENGTH):
        values.append(f"(({lo} >> {5 * (14 - i)}) & 31)::int AS v{i}")
    return ", ".join(values)


def server_database_url(database: dict) -> str:
    """This command's database as the server's `DATABASE_URL`; a socket folder as host (e.g.
    `/var/run/postgresql`) is quoted, as the URL's parser expects it."""
    user = quote(database["USER"] or "", safe="")
    password = ":" + quote(database["PASSWORD"], safe="") if database["PASSWORD"] else ""
    host = quote(database["HOST"] or "127.0.0.1", safe="")
    return f"postgres://{user}{password}@{host}:{database['PORT'] or 5432}/{database['NAME']}"


def _percentiles(timings: list[float]) -> tuple[float, float]:
    timings = sorted(timings)
    p95 = timings[min(len(timings) - 1, round(0.95 * len(timings)) - 1)]
    return statistics.median(timings), p95


class Command(BaseCommand):
    help = (
        "Seed in bulk (INSERT ... SELECT generate_series) --cases cases with their parties, "
        "--hearings hearings and --documents issued documents with valid DRNs (kept and "
        "reused), then measure the Cause Book's search by party name and the DRN check "
        "(p50, p95, through the pages), and the DRN check's throughput next to a bare view's "
        "on one gunicorn server. PostgreSQL only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=1_000_000)
        parser.add_argument("--hearings", type=int, default=5_000_000)
        parser.add_argument("--documents", type=int, default=10_000_000)
        parser.add_argument("--runs", type=int, default=300, help="Measured requests per page.")
        parser.add_argument("--warm-up", type=int, default=20, help="Requests not measured.")
        parser.add_argument(
            "--seconds", type=float, default=10.0, help="Length of one throughput phase."
        )
        parser.add_argument(
            "--rounds", type=int, default=2, help="Throughput phases of each view, in turns."
        )
        parser.add_argument(
            "--workers", type=int, default=os.cpu_count() or 2, help="gunicorn workers."
        )
        parser.add_argument(
            "--clients", type=int, default=0, help="Concurrent clients (0: twice the workers)."
        )
        parser.add_argument("--seed-only", action="store_true", help="Seed, measure nothing.")
        parser.add_argument(
            "--only",
            choices=PHASES,
            action="append",
            help=(
                "Measure only this phase (search, drn, documents or throughput); may be repeated."
            ),
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "This benchmark needs PostgreSQL (DATABASE_URL=postgres://...): it seeds "
                "millions of rows with INSERT ... SELECT generate_series and measures the "
                "indexes the portal runs on in production (the trigram index of the party "
                "names is PostgreSQL's). SQLite is not measured."
            )
        cases, hearings, documents = options["cases"], options["hearings"], options["documents"]
        if min(cases, hearings, documents) < 1 or options["runs"] < 1:
            raise CommandError("--cases, --hearings, --documents and --runs must be at least 1.")
        if hearings > cases * WEEKDAYS:
            raise CommandError(f"At most {WEEKDAYS} hearings a case: raise --cases.")
        self.random = random.Random(15)  # noqa: S311 - what to ask, not a secret
        started = time.perf_counter()
        self._seed_cases(cases)
        self._seed_hearings(cases, hearings)
        self._seed_documents(cases, documents)
        with connection.cursor() as cursor:
            # As autovacuum leaves a table after bulk inserts: statistics, and the visibility
            # map that lets PostgreSQL answer from an index alone.
            for model in (Case, CaseParty, Hearing, CaseDocument):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")  # noqa: S608
        self.stdout.write(
            f"Seed ready in {time.perf_counter() - started:.1f} s (VACUUM ANALYZE done)"
        )
        if options["seed_only"]:
            return
        with public_limits_raised():
            self.stdout.write(
                f"Rate limits raised for this run only ({', '.join(RAISED_SCOPES)}: "
                f"{RAISED_USES:,} an hour per address, in this process and in the benchmark's "
                "server); every request is still counted in the cache, as in production."
            )
            phases = set(options["only"] or PHASES)
            figures = {}
            if "search" in phases:
                self._show_plans()
                searches = self._party_searches(options["runs"] + options["warm_up"])
                figures[SEARCH] = self._latency(searches, options["warm_up"], counted=True)
            if "drn" in phases:
                checks = self._drn_checks(options["runs"] + options["warm_up"])
                figures["DRN check by number"] = self._latency(checks, options["warm_up"])
            if "documents" in phases:
                searches = self._document_searches(options["runs"] + options["warm_up"])
                figures[DOCUMENTS] = self._latency(searches, options["warm_up"])
            throughput = self._throughput(options) if "throughput" in phases else None
            self._report(options, figures, throughput)

    # --- seeding ---------------------------------------------------------------------------------

    def _bench_case_count(self, cursor) -> int:
        cursor.execute(
            f"SELECT count(*) FROM {Case._meta.db_table} WHERE number ~ %s",  # noqa: S608
            [BENCH_CASES],
        )
        return cursor.fetchone()[0]

    def _bulk_session(self, cursor) -> None:
        """Inside the seed's transaction: memory for the index builds, no wait for the WAL
        flush; and, for a superuser, no foreign-key triggers (every row points at a case or
        level read from the database by construction)."""
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")

    def _indexes_dropped(self, cursor, table: str) -> list[str]:
        """Drop the table's indexes and unique constraints but its primary key, and return
        the statements that make them again, exactly as they were (built once, sorted, after
        the rows are in, rather than kept row by row), with their statistics targets."""
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'u'",
            [table],
        )
        constraints = cursor.fetchall()
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisprimary AND NOT EXISTS ("
            "SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            [table],
        )
        indexes = cursor.fetchall()
        again = []
        for name, definition in constraints:
            cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            again.append(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
        for name, definition in indexes:
            # An index's own statistics targets (cases/0013) go with it: set them again.
            cursor.execute(
                "SELECT attnum, attstattarget FROM pg_attribute "
                "WHERE attrelid = %s::regclass AND attstattarget > 0",
                [name],
            )
            targets = cursor.fetchall()
            cursor.execute(f"DROP INDEX {name}")
            again.append(definition)
            again += [
                f"ALTER INDEX {name} ALTER COLUMN {column} SET STATISTICS {target}"
                for column, target in targets
            ]
        return again

    def _seeding(self, what: str, table: str, have: int, want: int, insert) -> None:
        """Insert rows `have` to `want` - 1 of `table` in chunks, in one transaction; when they
        are many more than there are, without the secondary indexes, rebuilt after."""
        if have >= want:
            self.stdout.write(f"{what}: {have:,} seeded before, kept")
            return
        started = time.perf_counter()
        chunk = 1_000_000
        with transaction.atomic(), connection.cursor() as cursor:
            self._bulk_session(cursor)
            cursor.execute("SELECT setseed(%s)", [(have % 1000) / 1000])
            rebuild = self._indexes_dropped(cursor, table) if want - have > have else []
            for first in range(have, want, chunk):
                last = min(first + chunk, want) - 1
                insert(cursor, first, last)
                if want - have > chunk:
                    self.stdout.write(
                        f"  {what}: {last + 1:,} of {want:,} "
                        f"({time.perf_counter() - started:.0f} s)"
                    )
            for statement in rebuild:
                cursor.execute(statement)
        self.stdout.write(
            f"{what}: {want - have:,} seeded in {time.perf_counter() - started:.1f} s"
            + (f" (indexes rebuilt: {len(rebuild)})" if rebuild else "")
        )

    def _seed_cases(self, want: int) -> None:
        """Cases of every proceeding type, each with a plaintiff and a defendant (one in five a
        second defendant, one in eight defendants a company), a third with their Chinese name;
        `search_names` folded as `case_search_names_refresh` folds it (defendants before
        plaintiffs, as the parties are ordered; NFKC and case folding are lower() for these
        names; duplicates once)."""
        types = list(ProceedingType.objects.order_by("code").values_list("pk", "code"))
        with connection.cursor() as cursor:
            have = self._bench_case_count(cursor)
        case, party = Case._meta.db_table, CaseParty._meta.db_table
        names = {
            "se": [s for s, _ in SURNAMES],
            "sz": [z for _, z in SURNAMES],
            "ge": [g for g, _ in GIVEN_NAMES],
            "gz": [z for _, z in GIVEN_NAMES],
            "ce": [c for c, _ in COMPANIES],
            "cz": [z for _, z in COMPANIES],
            "type_ids": [pk for pk, _ in types],
            "type_codes": [code for _, code in types],
        }

        def person(prefix: str, present: str = "true") -> str:
            # One random surname and given name; the Chinese name one time in three, where
            # both have one. NULL when not `present`.
            surname, given = f"(%(se)s::text[])[{prefix}s]", f"(%(ge)s::text[])[{prefix}g]"
            surname_zh, given_zh = f"(%(sz)s::text[])[{prefix}s]", f"(%(gz)s::text[])[{prefix}g]"
            return (
                f"CASE WHEN {present} THEN {surname} || ' ' || {given} END AS {prefix}, "
                f"CASE WHEN {present} AND {prefix}z AND {surname_zh} <> '' AND {given_zh} <> '' "
                f"THEN {surname_zh} || {given_zh} WHEN {present} THEN '' END AS {prefix}_zh"
            )

        def picks(prefix: str) -> str:
            return (
                f"1 + floor(random() * {len(SURNAMES)})::int AS {prefix}s, "
                f"1 + floor(random() * {len(GIVEN_NAMES)})::int AS {prefix}g, "
                f"random() < 1.0 / 3 AS {prefix}z"
            )

        def insert(cursor, first: int, last: int) -> None:
            cursor.execute("DROP TABLE IF EXISTS bench_names")
            cursor.execute(
                "CREATE TEMP TABLE bench_names ON COMMIT DROP AS "  # noqa: S608
                "SELECT g, (%(type_codes)s::text[])[1 + g %% %(types)s] || ' ' || "
                "(g %% %(serials)s + 1) || '/' || (%(year)s + g / %(serials)s) AS number, "
                "(%(type_ids)s::bigint[])[1 + g %% %(types)s] AS type_id, "
                f"{person('p')}, {person('d')}, "
                "CASE WHEN company THEN (%(ce)s::text[])[c] ELSE NULL END AS company, "
                "CASE WHEN company THEN (%(cz)s::text[])[c] ELSE NULL END AS company_zh, "
                f"{person('e', present='second')} "
                f"FROM (SELECT g, {picks('p')}, {picks('d')}, {picks('e')}, "
                "random() < 0.125 AS company, "
                f"1 + floor(random() * {len(COMPANIES)})::int AS c, "
                "random() < 0.2 AS second "
                "FROM generate_series(%(first)s, %(last)s) AS g) AS r",
                {
                    **names,
                    "types": len(types),
                    "serials": SERIALS,
                    "year": FIRST_YEAR,
                    "first": first,
                    "last": last,
                },
            )
            # The first defendant: a company or a person.
            cursor.execute(
                "UPDATE bench_names SET d = company, d_zh = company_zh WHERE company IS NOT NULL"
            )
            cursor.execute(
                f"INSERT INTO {case} (number, proceeding_type_id, title, status, "  # noqa: S608
                "final_disposal_date, created_at, search_names) "
                "SELECT number, type_id, p || ' v. ' || d || coalesce(' and ' || e, ''), "
                "'ONGOING', NULL, now(), array_to_string(ARRAY("
                "SELECT n FROM unnest(ARRAY[lower(d), d_zh, lower(e), e_zh, lower(p), p_zh]) "
                "WITH ORDINALITY AS u(n, i) WHERE n <> '' GROUP BY n ORDER BY min(i)), "
                "E'\\n') FROM bench_names ORDER BY g"
            )
            cursor.execute(
                f"INSERT INTO {party} (case_id, party_type, position, name, name_zh) "  # noqa: S608
                "SELECT c.id, v.party_type, v.position, v.name, v.name_zh "
                f"FROM bench_names b JOIN {case} c ON c.number = b.number "
                "CROSS JOIN LATERAL (VALUES ('PLAINTIFF', 1, b.p, b.p_zh), "
                "('DEFENDANT', 1, b.d, b.d_zh), ('DEFENDANT', 2, b.e, b.e_zh)) "
                "AS v(party_type, position, name, name_zh) "
                "WHERE v.name IS NOT NULL ORDER BY c.id"
            )

        self._seeding("cases (with their parties)", case, have, want, insert)

    def _bench_cases_sql(self) -> str:
        """The benchmark's cases numbered from 0, with their court level."""
        return (
            "(SELECT c.id, c.search_names, t.court_level_id, "  # noqa: S608
            "row_number() OVER (ORDER BY c.id) - 1 AS k "
            f"FROM {Case._meta.db_table} c JOIN {ProceedingType._meta.db_table} t "
            f"ON t.id = c.proceeding_type_id WHERE c.number ~ '{BENCH_CASES}')"
        )

    def _first_monday(self) -> datetime.date:
        year_ago = datetime.date.today() - datetime.timedelta(days=364)
        return year_ago - datetime.timedelta(days=year_ago.weekday())

    def _seed_hearings(self, cases: int, want: int) -> None:
        """Each case's hearings on weekdays spread over two years (distinct days for one case:
        131 is prime to the 520 weekdays), six start times, 40 courtrooms, 14 judges; chambers
        hearings and one case in 50 (heard in private) not public."""
        hearing = Hearing._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {hearing}")  # noqa: S608
            have = cursor.fetchone()[0]
        levels = dict(CourtLevel.objects.values_list("pk", "name_en"))

        def insert(cursor, first: int, last: int) -> None:
            cursor.execute(
                f"INSERT INTO {hearing} (date, start_time, court_level_id, court, "  # noqa: S608
                "courtroom, judge_en, judge_zh, case_id, hearing_type, public, notes, "
                "party_names, created_at, updated_at, created_by_id) "
                "SELECT %(monday)s::date + (w / 5) * 7 + w %% 5, "
                "(%(times)s::text[])[1 + h %% %(ntimes)s]::time, c.court_level_id, "
                "(%(level_names)s::text[])[array_position(%(level_ids)s::bigint[], "
                "c.court_level_id)], 'Court ' || (1 + (h * 7) %% 40), "
                "(%(judges_en)s::text[])[j], (%(judges_zh)s::text[])[j], c.id, t, "
                "t <> 'CHAMBERS' AND c.k %% 50 <> 0, '', c.search_names, now(), now(), NULL "
                "FROM (SELECT h, h %% %(cases)s AS k, "
                "(h %% %(cases)s * 37 + h / %(cases)s * 131) %% %(weekdays)s AS w, "
                "1 + floor(random() * %(njudges)s)::int AS j, "
                "(%(types)s::text[])[1 + floor(random() * %(ntypes)s)::int] AS t "
                "FROM generate_series(%(first)s, %(last)s) AS h) AS s "
                f"JOIN {self._bench_cases_sql()} c ON c.k = s.k ORDER BY h",
                {
                    "monday": self._first_monday(),
                    "times": START_TIMES,
                    "ntimes": len(START_TIMES),
                    "level_ids": list(levels),
                    "level_names": list(levels.values()),
                    "judges_en": [en for en, _ in JUDGES],
                    "judges_zh": [zh for _, zh in JUDGES],
                    "njudges": len(JUDGES),
                    "types": HEARING_TYPES,
                    "ntypes": len(HEARING_TYPES),
                    "cases": cases,
                    "weekdays": WEEKDAYS,
                    "first": first,
                    "last": last,
                },
            )

        self._seeding("hearings", hearing, have, want, insert)

    def _seed_documents(self, cases: int, want: int) -> None:
        """Orders and directions issued to the cases over two years, each with a DRN made from
        its serial (unique) with the check character of documents.drn. The file is named as an
        issued document's is; no file is written."""
        document = CaseDocument._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {document} WHERE origin = %s",  # noqa: S608
                [DocumentOrigin.ISSUED],
            )
            have = cursor.fetchone()[0]

        def insert(cursor, first: int, last: int) -> None:
            cursor.execute(
                f"INSERT INTO {document} (case_id, origin, kind, title, drn, method, file, "  # noqa: S608
                "sha256, size, page_count, dated_at, added_by_id) "
                "SELECT c.id, 'ISSUED', kind, CASE kind WHEN 'ORDER' THEN 'Order' "
                "ELSE 'Directions' END || ' of ' || to_char(dated_at, 'DD Mon YYYY'), "
                "drn, 'UPLOADED', 'documents/issued/' || drn || '.pdf', "
                "lpad(to_hex(d), 64, '0'), 20000 + (d * 7919) %% 900000, 1 + d %% 12, "
                "dated_at, NULL FROM ("
                f"SELECT d, k, {_drn_sql()} AS drn, kind, dated_at FROM ("
                f"SELECT d, d %% %(cases)s AS k, {_drn_values_sql('d')}, "
                "CASE WHEN d %% 3 = 0 THEN 'DIRECTION' ELSE 'ORDER' END AS kind, "
                "%(start)s::timestamptz + ((d * 7919) %% %(span)s) * interval '1 second' "
                "AS dated_at FROM generate_series(%(first)s::bigint, %(last)s::bigint) AS d) "
                "AS v) AS s "
                f"JOIN {self._bench_cases_sql()} c ON c.k = s.k ORDER BY d",
                {
                    "alphabet": ALPHABET,
                    "check": _check_table(),
                    "cases": cases,
                    "start": datetime.datetime.combine(
                        self._first_monday(), datetime.time(9), datetime.UTC
                    ),
                    "span": 2 * 365 * 86400,
                    "first": first,
                    "last": last,
                },
            )

        self._seeding("issued documents", document, have, want, insert)

    # --- what is asked -------------------------------------------------------------------------

    def _party_searches(self, count: int) -> list[str]:
        """Searches of the public page as people type them: a surname, a given name or a whole
        name, in any letter case and spacing, or a Chinese name or part of it (one in five, on
        the Chinese page); a day of the lists (two in three) or a week."""
        monday = self._first_monday()
        chinese_surnames = [z for _, z in SURNAMES if z]
        chinese_given = [z for _, z in GIVEN_NAMES if z]
        urls = []
        for run in range(count):
            kind = run % 5
            prefix = "/cause-book/"
            if kind == 0:
                prefix = "/zh-hant/cause-book/"
                party = self.random.choice(
                    [
                        self.random.choice(chinese_surnames) + self.random.choice(chinese_given),
                        self.random.choice(chinese_given),
                        self.random.choice(chinese_surnames),
                    ]
                )
            else:
                surname = self.random.choice(SURNAMES)[0]
                given = self.random.choice(GIVEN_NAMES)[0]
                party = [surname, given, f"{surname}  {given}", f" {given} "][kind - 1]
                party = self.random.choice([party.lower(), party.upper(), party.title()])
            day = monday + datetime.timedelta(
                days=self.random.randrange(WEEKDAYS // 5) * 7 + self.random.randrange(5)
            )
            query = {"date": day.isoformat(), "party": party}
            if run % 3 == 2:
                query["date_to"] = (day + datetime.timedelta(days=6)).isoformat()
            urls.append(f"{prefix}?{urlencode(query)}")
        return urls

    def _document_searches(self, count: int) -> list[str]:
        """Searches of the public documents (SVC-2) as people make them, newest first over
        every case: a party's name (a surname, a given name, a whole name in any letter case
        and spacing, or on the Chinese page a Chinese name or given name), a whole case
        number or a part of one, a type with a month of dates, or a week of dates alone."""
        chinese_surnames = [z for _, z in SURNAMES if z]
        chinese_given = [z for _, z in GIVEN_NAMES if z]
        last = self._first_monday() + datetime.timedelta(days=2 * 365)
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT number FROM {Case._meta.db_table} ORDER BY id LIMIT 1000"  # noqa: S608
            )
            numbers = [row[0] for row in cursor.fetchall()]
        urls = []
        for run in range(count):
            kind = run % 8
            prefix = "/documents/search/"
            surname = self.random.choice(SURNAMES)[0]
            given = self.random.choice(GIVEN_NAMES)[0]
            day = last - datetime.timedelta(days=self.random.randrange(700))
            if kind == 0:
                prefix = "/zh-hant/documents/search/"
                # A whole name, or every other time the given name alone (two characters).
                given_zh = self.random.choice(chinese_given)
                surname_zh = self.random.choice(chinese_surnames) if run % 16 else ""
                query = {"party_name": surname_zh + given_zh}
            elif kind in (1, 2, 3):
                party = [surname, f"{surname}  {given}", f"{surname}{given}".upper()][kind - 1]
                query = {"party_name": party}
            elif kind == 4:
                query = {"case_number": self.random.choice(numbers).lower()}
            elif kind == 5:
                query = {"case_number": self.random.choice(numbers).split("/")[0][:-1]}
            elif kind == 6:
                query = {
                    "document_type": "ORDER",
                    "date_from": (day - datetime.timedelta(days=30)).isoformat(),
                    "date_to": day.isoformat(),
                }
            else:
                query = {
                    "date_from": (day - datetime.timedelta(days=6)).isoformat(),
                    "date_to": day.isoformat(),
                }
            urls.append(f"{prefix}?{urlencode(query)}")
        return urls

    def _existing_drns(self, count: int) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT min(id), max(id) FROM {CaseDocument._meta.db_table} "  # noqa: S608
                "WHERE origin = 'ISSUED'"
            )
            low, high = cursor.fetchone()
            ids = [self.random.randint(low, high) for _ in range(count * 2)]
            cursor.execute(
                f"SELECT drn FROM {CaseDocument._meta.db_table} "  # noqa: S608
                "WHERE id = ANY(%s) AND drn IS NOT NULL",
                [ids],
            )
            drns = [row[0] for row in cursor.fetchall()]
        self.random.shuffle(drns)
        if not drns:
            raise CommandError("No issued document to check.")
        return (drns * (count // len(drns) + 1))[:count]

    def _drn_checks(self, count: int) -> list[str]:
        """The result page, as the QR code or the check form opens it: eight in ten a DRN the
        court issued (half of them printed with dashes), one a DRN that passes its check but
        was never issued, one with a character typed wrong."""
        urls = []
        for run, drn in enumerate(self._existing_drns(count)):
            kind = run % 10
            if kind == 8:
                drn = drn_new()
            elif kind == 9:
                at = self.random.randrange(len(drn))
                wrong = self.random.choice([s for s in ALPHABET if s != drn[at]])
                drn = drn[:at] + wrong + drn[at + 1 :]
            elif kind % 2:
                drn = drn_display(drn)
            urls.append(f"/documents/check/{quote(drn)}/")
        return urls

    # --- measuring -----------------------------------------------------------------------------

    def _show_plans(self) -> None:
        """The plans of the search's query for a common surname on one day and a rare one over a
        week, as the page runs it: the ids of its first page, 51 rows (no count), before the
        page's hearings are read by id."""
        monday = self._first_monday() + datetime.timedelta(days=7 * 26)
        for party, days in (("chan", 0), ("szeto", 6)):
            filters = CauseBookFilters(
                date_from=monday, date_to=monday + datetime.timedelta(days=days), party=party
            )
            hearings = cause_book_search(filters)
            self.stdout.write(f'Plan of the search for "{party}" over {days + 1} day(s):')
            ids = hearings.values_list("pk", flat=True)[: PAGE_SIZE + 1]
            for line in ids.explain(analyze=True).splitlines():
                self.stdout.write(f"    {line}")

    def _latency(self, urls: list[str], warm_up: int, counted: bool = False):
        # Without developer mode, as production serves them: DJANGO_DEBUG=1 (the Makefile's,
        # so that the command needs no production keys) would log every query's SQL. The static
        # files' addresses unhashed: nothing was collected for this process.
        plain = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
        with override_settings(DEBUG=False, STORAGES={**settings.STORAGES, "staticfiles": plain}):
            return self._latency_measured(urls, warm_up, counted)

    def _latency_measured(self, urls: list[str], warm_up: int, counted: bool):
        client = Client(HTTP_HOST="localhost")
        timings, found = [], []
        for run, url in enumerate(urls):
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                raise CommandError(f"GET {url} answered {response.status_code}")
            if run >= warm_up:
                timings.append(elapsed)
                if counted and not url.startswith("/zh-hant/"):
                    # Hearings shown on the first page, and whether a next one follows.
                    text = response.content.decode()
                    match = _SHOWN.search(text)
                    found.append((int(match.group(1)) if match else 0, 'rel="next"' in text))
        p50, p95 = _percentiles(timings)
        return p50, p95, len(timings), found

    def _throughput(self, options) -> dict:
        """Requests per second of the bare view and of the DRN check (issued DRNs), on one
        gunicorn server, the portal's production settings, in turns."""
        workers = options["workers"]
        clients = options["clients"] or 2 * workers
        drns = self._existing_drns(max(1000, options["runs"]))
        phases = (
            ("bare", [BARE_PATH]),
            ("counted", [COUNTED_PATH]),
            ("read", [f"{READ_PATH}?drn={drn}" for drn in drns]),
            ("floor", [f"{FLOOR_PATH}?drn={drn}" for drn in drns]),
            ("page", [f"/documents/check/{drn}/" for drn in drns]),
            ("api", [f"/api/v1/document-check/?drn={drn}" for drn in drns]),
        )
        port = self._free_port()
        static_root = tempfile.mkdtemp(prefix="bench-public-static-")
        environment = self._server_environment(static_root)
        try:
            subprocess.run(  # noqa: S603 - our own interpreter, fixed arguments
                [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
                cwd=settings.BASE_DIR,
                env=environment,
                check=True,
            )
            gunicorn = shutil.which("gunicorn", path=os.path.dirname(sys.executable))
            server = subprocess.Popen(  # noqa: S603 - our own server, fixed arguments
                [
                    gunicorn or "gunicorn",
                    "demo.benchmark_server:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(workers),
                    "--log-level",
                    "warning",
                ],  # fmt: skip
                cwd=settings.BASE_DIR,
                env=environment,
            )
            try:
                self._wait_for(port, server)
                rates = {kind: [] for kind, _urls in phases}
                for _ in range(options["rounds"]):
                    for kind, urls in phases:
                        rates[kind].append(
                            self._load(port, urls, clients=clients, seconds=options["seconds"])
                        )
            finally:
                server.terminate()
                server.wait(timeout=30)
        finally:
            shutil.rmtree(static_root, ignore_errors=True)
        return {
            "workers": workers,
            "clients": clients,
            "rates": rates,
            "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
        }

    def _server_environment(self, static_root: str) -> dict:
        """The portal's production settings (no developer mode: fresh random keys, the static
        files collected with their manifest), on this command's database; plain HTTP on
        loopback, so no redirect to HTTPS."""
        url = server_database_url(connection.settings_dict)
        environment = {
            key: value for key, value in os.environ.items() if key not in {"DJANGO_DEBUG"}
        }
        environment.update(
            DJANGO_SETTINGS_MODULE="demo.benchmark_settings",
            DATABASE_URL=url,
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            ICMS_AUDIT_KEY=secrets.token_urlsafe(50),
            ICMS_STAGING="1",
            ICMS_STATIC_ROOT=static_root,
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        )
        return environment

    def _load(self, port: int, urls: list[str], *, clients: int, seconds: float) -> float:
        """Requests per second answered 200 by the server, `clients` threads each sending one
        request after another (a new connection each: gunicorn's sync workers close it)."""
        done, failed = [0] * clients, [0] * clients
        deadline = time.perf_counter() + seconds

        def client(index: int) -> None:
            pick = random.Random(index)  # noqa: S311 - what to ask
            while time.perf_counter() < deadline:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                try:
                    conn.request("GET", pick.choice(urls), headers={"Host": "localhost"})
                    response = conn.getresponse()
                    response.read()
                    if response.status == 200:
                        done[index] += 1
                    else:
                        failed[index] += 1
                finally:
                    conn.close()

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        if sum(failed):
            raise CommandError(f"{sum(failed)} requests to the benchmark server did not answer 200")
        return sum(done) / elapsed

    def _free_port(self) -> int:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            return probe.getsockname()[1]

    def _wait_for(self, port: int, server) -> None:
        for _ in range(300):
            if server.poll() is not None:
                raise CommandError("The benchmark server stopped on starting.")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.request("GET", BARE_PATH, headers={"Host": "localhost"})
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.1)
            finally:
                conn.close()
        raise CommandError("The benchmark server did not answer.")

    # --- the figures ---------------------------------------------------------------------------

    def _report(self, options, figures: dict, throughput: dict) -> None:
        write = self.stdout.write
        write("")
        write(
            f"{options['cases']:,} cases, {options['hearings']:,} hearings, "
            f"{options['documents']:,} issued documents; {options['runs']} measured requests "
            f"each after {options['warm_up']} to warm up (Django test client, page and "
            "rendering included)"
        )
        write(f"{'':<36}{'p50 ms':>9}{'p95 ms':>9}")
        for name, (p50, p95, _runs, found) in figures.items():
            write(f"{name:<36}{p50:>9.2f}{p95:>9.2f}")
            if found:
                shown = [n for n, _more in found]
                write(
                    f"{'  hearings on the first page':<36} median {statistics.median(shown):,.0f}, "
                    f"none in {shown.count(0)} of {len(found)}, a next page in "
                    f"{sum(1 for _n, more in found if more)} (English pages)"
                )
        goals = []
        if SEARCH in figures:
            met = figures[SEARCH][1] < 50
            goals.append(f"party-name search p95 < 50 ms: {'met' if met else 'MISSED'}")
        if throughput:
            rates = {kind: statistics.mean(each) for kind, each in throughput["rates"].items()}
            bare = rates["bare"]
            counted = "Redis" if os.environ.get("REDIS_URL") else "each process's own memory"
            write(
                f"Throughput, gunicorn with {throughput['workers']} workers (production settings, "
                f"DATABASE_CONN_MAX_AGE={throughput['conn_max_age']}, rate limits counted in "
                f"{counted}), {throughput['clients']} concurrent clients, {options['rounds']} x "
                f"{options['seconds']:g} s each in turns:"
            )
            write(f"{'  bare Django view (' + BARE_PATH + ')':<48}{bare:>8.0f} requests/s")
            for kind, label in (
                ("counted", "bare view + the rate-limit count alone"),
                ("read", "bare view + the DRN read alone"),
                ("floor", "bare view + count and read (the floor)"),
                ("api", "DRN check API (issued DRNs)"),
                ("page", "DRN check page (issued DRNs)"),
            ):
                write(
                    f"{'  ' + label:<48}{rates[kind]:>8.0f} requests/s, "
                    f"{rates[kind] / bare:.2f} x the bare view"
                )
            best = max(rates["api"], rates["page"])
            goals.append(
                f"DRN check >= 0.8 x bare view: {'met' if best / bare >= 0.8 else 'MISSED'} "
                f"(API {rates['api'] / bare:.2f} x, page {rates['page'] / bare:.2f} x; "
                f"count and read alone {rates['floor'] / bare:.2f} x)"
            )
        if goals:  # the issue sets goals for the Cause Book's search and the DRN check
            write("Goals: " + "; ".join(goals))
