# Digitales München — the two commands: `make run` and `make test`. See README.md.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
VPY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MANAGE := $(VPY) manage.py

# The interpreter that builds the virtual environment: the first Python 3.12+ found, unless given.
PYTHON ?= $(shell for c in python3.13 python3.12 $$HOME/.pyenv/versions/3.13*/bin/python3 \
	$$HOME/.pyenv/versions/3.12*/bin/python3 /usr/local/bin/python3.13 /usr/bin/python3.13 \
	/usr/local/bin/python3.12 /usr/bin/python3.12 python3; do \
	if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then command -v $$c; break; fi; done)

.PHONY: help run test test-fast bench lint format stop setup install messages translations migrate demo clean check-python

help:
	@echo "make run     set up and serve the portal with demo data at http://127.0.0.1:8000, with the worker"
	@echo "make test    set up and run the whole test suite, browser tests included"
	@echo "make bench   run the benchmarks: every page cached, uncached and logged in, booking, the 7:00 peak (wrk)"
	@echo "make lint    ruff, mypy, import contracts, no missing migrations, check --deploy"
	@echo "make translations  refresh the German catalogue, fill in locale/pending/*.po, build .mo"
	@echo "make stop    stop the embedded PostgreSQL server"

check-python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "No Python 3.12 or newer found. Install Python 3.13 (e.g. 'apt-get install python3.13'"; \
		echo "or pyenv) or name one: make run PYTHON=/path/to/python3.13"; exit 1; fi

$(STAMP): pyproject.toml | check-python
	@test -x $(VPY) || { echo "Creating $(VENV) with $(PYTHON)"; $(PYTHON) -m venv $(VENV); }
	$(VPY) -m pip install --quiet --upgrade pip
	$(VPY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

messages: $(STAMP)
	$(MANAGE) compilemessages --ignore='.venv/*' -v 0

translations: $(STAMP)
	scripts/translate.sh

migrate: $(STAMP)
	$(MANAGE) migrate --no-input -v 0
	$(MANAGE) createcachetable

setup: install messages migrate

demo: setup
	$(MANAGE) loaddemo

# The development server and the worker that sends the e-mails (to this console); Ctrl-C stops both.
run: demo
	@echo ""
	@echo "Digitales München runs at http://127.0.0.1:8000 — demo accounts are listed in README.md."
	@echo "The worker prints the e-mails here. Ctrl-C stops the server and the worker."
	PY=$(VPY) scripts/run.sh 127.0.0.1:8000

test: install messages
	$(VPY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

test-fast: install messages
	$(VPY) -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

bench: setup
	$(VPY) bench/run.py $(BENCH_ARGS)

# The type checker imports the test settings (django-stubs); a DATABASE_URL that is only parsed
# keeps it from starting the embedded database server. The allow-list is in pyproject.toml.
TYPECHECK_ENV := DATABASE_URL=postgres://typecheck@localhost/typecheck
# check --deploy runs on the production settings with what they must read from the environment
# (docs/deployment.md): a secret key, the host name and the key that signs the audit anchors.
# The keys are dummies that sign nothing. Django's model checks ask the database for its version,
# so this check (like makemigrations) uses the embedded server.
DEPLOY_CHECK_ENV := DJANGO_SETTINGS_MODULE=munich_portal.settings.production \
	DJANGO_SECRET_KEY=lint-only-not-a-secret-key-0123456789abcdefghijklmnopqrstuvwxyz \
	DJANGO_ALLOWED_HOSTS=digitales.muenchen.de \
	AUDIT_ANCHOR_KEY=lint-only-not-an-anchor-key-0123456789abcdefghij \
	AUDIT_ERASURE_JOURNAL=/mnt/audit-anchors/erasures.jsonl

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(TYPECHECK_ENV) $(VENV)/bin/mypy
	$(MANAGE) makemigrations --check --dry-run
	$(DEPLOY_CHECK_ENV) $(MANAGE) check --deploy --fail-level WARNING

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

stop:
	@if [ -x $(VPY) ]; then $(VPY) -c "from pathlib import Path; from munich_portal.embedded_db import stop_server; print('stopped' if stop_server(Path('.pgdata')) else 'not running')"; fi

clean: stop
	rm -rf $(VENV) .pgdata staticfiles
