# The two commands of the README: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# A Python >= 3.12: $(PYTHON) if given, else python3.13/python3.12 on PATH, else pyenv's.
PYTHON ?= $(shell for p in python3.13 python3.12 \
	$${PYENV_ROOT:-$${HOME:-/root}/.pyenv}/versions/3.13*/bin/python3 \
	$${PYENV_ROOT:-$${HOME:-/root}/.pyenv}/versions/3.12*/bin/python3 python3; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then \
	    command -v $$p; break; fi; done)
VENV := .venv
PY := $(VENV)/bin/python
PG_URL ?= postgres://postgres@127.0.0.1:5432/icms
HOST ?= 127.0.0.1:8000

.PHONY: help run serve worker scheduler test test-sqlite test-postgres lint services browser-deps demo messages bench bench-cases bench-messages bench-digest bench-public clean

help:
	@echo "make run    - set up everything and serve the portal on http://$(HOST)"
	@echo "make test   - the suite on SQLite (with the browser tests) and on PostgreSQL"
	@echo "make serve  - production: checks, migrations, static files, gunicorn (README, Production)"
	@echo "make worker, make scheduler - production: the background worker and the scheduler"

$(VENV)/.installed: requirements.lock pyproject.toml
	@if [ -z "$(PYTHON)" ]; then \
	  echo "No Python 3.12 or newer found. Install Python 3.12+ (e.g. 'apt-get install python3.12 python3.12-venv'," ; \
	  echo "or 'pyenv install 3.13'), or run 'make PYTHON=/path/to/python3.12 ...'."; exit 1; fi
	@echo "Using $(PYTHON)"
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	touch $@

venv: $(VENV)/.installed

run: export DJANGO_DEBUG = 1
run: export ICMS_SITE_URL = http://$(HOST)
run: $(VENV)/.installed
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py load_demo_data
	@# The worker, the scheduler and the local payment gateway (card and FPS payments, no money
	@# moves) run beside the server and stop with it (Ctrl+C).
	@trap 'kill $$(jobs -p) 2>/dev/null' EXIT; \
	  $(PY) manage.py run_worker --worker-id dev-worker & \
	  $(PY) manage.py run_scheduled_jobs --loop & \
	  $(PY) manage.py run_local_gateway --port 8090 & \
	  $(PY) manage.py runserver $(HOST)

# Production (README, "Production"): refuses developer mode, weak keys, email kept on the server
# and any deployment-check warning; migrates, collects the static files, then runs gunicorn on
# ICMS_BIND behind the TLS proxy. Its start is tested by tests/test_production_smoke.py.
serve: $(VENV)/.installed
	$(PY) -m config.serve

# Production, each as a process of its own beside `make serve` (README, "Production"): the
# background worker of the task queue (ICMS_WORKER_ID: a stable id per worker) and the
# scheduler of the daily jobs (as many as wished: each job still runs once a day).
worker: $(VENV)/.installed
	$(PY) manage.py run_worker

scheduler: $(VENV)/.installed
	$(PY) manage.py run_scheduled_jobs --loop

# PostgreSQL and Redis run on the machine; start them when they are down.
services:
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "Starting PostgreSQL"; \
	  pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start; \
	  for i in $$(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done; }
	@redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 || { echo "Starting Redis"; \
	  mkdir -p /var/lib/redis /var/log/redis; \
	  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
	    --dir /var/lib/redis --logfile /var/log/redis/ci.log; }

# Browser tests drive Debian's Chromium; CJK fonts so that Chinese pages render; axe-core (npm)
# for the accessibility checks.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "noto sans cjk"; then \
	  echo "Installing Debian's chromium and fonts-noto-cjk"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; fi
	@if [ ! -d tests/browser/node_modules ]; then \
	  echo "Installing axe-core for the accessibility checks"; \
	  npm ci --silent --prefix tests/browser; fi

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# The two passes run side by side (each mostly keeps one core busy); each prints its report
# when it ends. They share nothing but Redis, where each test keeps to keys of its own.
# The browser tests run in the SQLite pass only (below).
test: $(VENV)/.installed services browser-deps lint
	$(PY) manage.py makemigrations --check --dry-run --settings=config.settings_test
	@echo "The suite on SQLite and on PostgreSQL, side by side: each report follows when its pass ends."
	$(MAKE) --no-print-directory --output-sync=target -j2 test-sqlite test-postgres

# The browser tests (marked `browser`) run in this pass only, against the embedded default
# that `make run` serves: they drive pages, whose database the other tests cover on both.
test-sqlite: $(VENV)/.installed
	DATABASE_URL=sqlite:// $(VENV)/bin/pytest -o cache_dir=.pytest_cache/sqlite

# Every test but the browser tests. This pass also starts the production server once
# (tests/test_production_smoke.py, marked `production`; skipped on SQLite): it needs
# PostgreSQL and Redis. (`DATABASE_URL=postgres://... pytest -m browser` runs the browser
# tests on PostgreSQL.) Then the tests that store or read documents (marked `documents`) run
# again with the documents in an S3-compatible bucket, as several app servers keep them.
test-postgres: $(VENV)/.installed
	DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -o cache_dir=.pytest_cache/postgres -m "not browser"
	ICMS_TEST_STORAGE=s3 DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest -o cache_dir=.pytest_cache/s3 \
	  -m "documents and not browser"

# Audited writes per second, 16 parallel workers on PostgreSQL: chain head locked until commit
# (before) against sealing after commit (after); then verifies the chain.
bench: export DJANGO_DEBUG = 1
bench: $(VENV)/.installed
	DATABASE_URL=$(PG_URL) $(PY) manage.py migrate --noinput --verbosity 0
	DATABASE_URL=$(PG_URL) $(PY) manage.py bench_audited_writes

# A page benchmark's own database: created if it is missing, then migrated.
define bench_database
	@psql "$(1)" -c "SELECT 1" >/dev/null 2>&1 || \
	  psql "$(dir $(1))postgres" -qc "CREATE DATABASE $(notdir $(1))"
	DATABASE_URL=$(1) $(PY) manage.py migrate --noinput --verbosity 0
endef

# An OU's first page of My cases with 10,000 and with 1,000,000 cases in its organization,
# seeded in bulk in its own database (BENCH_CASES_URL): p50, p95 and their ratio.
BENCH_CASES_URL ?= postgres://postgres@127.0.0.1:5432/icms_bench_cases
bench-cases: export DJANGO_DEBUG = 1
bench-cases: $(VENV)/.installed
	$(call bench_database,$(BENCH_CASES_URL))
	DATABASE_URL=$(BENCH_CASES_URL) $(PY) manage.py bench_my_cases --sizes 10000 1000000 --runs 200

# An account's first page of the Message Box with 100 and with 100,000 messages, seeded in
# bulk in its own database (BENCH_MESSAGES_URL): p50, p95 and their ratio.
BENCH_MESSAGES_URL ?= postgres://postgres@127.0.0.1:5432/icms_bench_messages
bench-messages: export DJANGO_DEBUG = 1
bench-messages: $(VENV)/.installed
	$(call bench_database,$(BENCH_MESSAGES_URL))
	DATABASE_URL=$(BENCH_MESSAGES_URL) $(PY) manage.py bench_message_box --sizes 100 100000 --runs 200

# The day-end digest for 100,000 accounts with unread messages, in its own database
# (BENCH_DIGEST_URL): the time to owe the reminders and to hand them to an SMTP sink on loopback.
BENCH_DIGEST_URL ?= postgres://postgres@127.0.0.1:5432/icms_bench_digest
bench-digest: export DJANGO_DEBUG = 1
bench-digest: $(VENV)/.installed
	$(call bench_database,$(BENCH_DIGEST_URL))
	DATABASE_URL=$(BENCH_DIGEST_URL) $(PY) manage.py bench_digest --accounts 100000

# The public services (issue 15) in their own database (BENCH_PUBLIC_URL), seeded in bulk once:
# the Cause Book's search by party name over 5,000,000 hearings and the DRN check over
# 10,000,000 issued documents (p50, p95), and the DRN check's throughput next to a bare view's.
# The rate limits count in Redis (BENCH_REDIS_URL), as on production's several servers.
BENCH_PUBLIC_URL ?= postgres://postgres@127.0.0.1:5432/icms_bench_public
BENCH_REDIS_URL ?= redis://127.0.0.1:6379/10
bench-public: export DJANGO_DEBUG = 1
bench-public: $(VENV)/.installed
	$(call bench_database,$(BENCH_PUBLIC_URL))
	DATABASE_URL=$(BENCH_PUBLIC_URL) REDIS_URL=$(BENCH_REDIS_URL) \
	  $(PY) manage.py bench_public_services --cases 1000000 \
	  --hearings 5000000 --documents 10000000 --runs 300

messages: $(VENV)/.installed
	DJANGO_DEBUG=1 $(PY) manage.py makemessages -l zh_Hant --ignore=.venv --ignore=tests --ignore=var --ignore=node_modules
	DJANGO_DEBUG=1 $(PY) manage.py compilemessages -l zh_Hant --ignore=.venv

clean:
	rm -rf $(VENV) var
