# Đối ngoại: the two commands are `make run` and `make test` (see README).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
# Test processes (pytest-xdist): one per core by default; TEST_WORKERS=0 runs in one.
# `--dist load` hands each process its tests in pytest-django's order (transactional
# tests, which empty the tables, last); work stealing broke that order.
TEST_WORKERS ?= auto

.PHONY: run test lint format e2e render-documents bench migrate demo worker beat outbox-listener messages clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

## Install, migrate, load the demo data and serve on http://127.0.0.1:8000 (SQLite, no broker);
## the server's own thread runs the timers, reminders and outbox (config/scheduler.py).
run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py serve $(HOST):$(PORT)

## The whole test suite. DATABASE_URL / CELERY_BROKER_URL select PostgreSQL and Redis.
test: $(STAMP)
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest -n $(TEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## Browser tests only (Debian's /usr/bin/chromium).
e2e: $(STAMP)
	$(PY) -m pytest -m e2e $(PYTEST_ARGS)

## Re-extract strings (needs GNU gettext) and rebuild the committed catalogues.
messages: $(STAMP)
	$(PY) manage.py makemessages -l en --no-wrap --no-location --ignore=.venv --ignore=locale --ignore=tests
	$(PY) locale/tools/build_vi.py
	$(PY) manage.py compilemessages --ignore=.venv

## Render the decision and the approval letter with LibreOffice to PDF and PNG, to look at
## (docs/documents.md); needs soffice, pdftotext and pdftoppm. Files in $(RENDER_DIR).
RENDER_DIR ?= var/rendered
render-documents: $(STAMP)
	RENDER_DIR=$(abspath $(RENDER_DIR)) $(PY) -m pytest tests/matters/test_rendering.py -q -k "one_line"
	@echo "Rendered into $(RENDER_DIR)"

## Benchmarks; they need PostgreSQL (DATABASE_URL=postgres://...).
bench: $(STAMP)
	$(PY) -m bench

migrate: $(STAMP)
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

## Production-style processes (need CELERY_BROKER_URL).
worker: $(STAMP)
	$(VENV)/bin/celery -A config worker --loglevel=INFO

beat: $(STAMP)
	$(VENV)/bin/celery -A config beat --loglevel=INFO

## Hands new outbox rows to the workers as their steps commit (needs PostgreSQL).
outbox-listener: $(STAMP)
	$(PY) manage.py outbox_listener

clean:
	rm -rf $(VENV) db.sqlite3 .pytest_cache .ruff_cache
