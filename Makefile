# Toezicht: the two commands a newcomer needs are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install system setup run test test-e2e lint format bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet ".[dev]"
	rm -rf build *.egg-info
	touch $(STAMP)

install: $(STAMP)

# Debian packages the browser tests and PDF rendering need (Chromium, Pango); installs only what is missing.
system:
	bash .ci/install-system-packages.sh

# Migrate, load the shipped frameworks and the demo cases (all idempotent).
setup: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py laad_toetsingskader
	$(PY) manage.py laad_demo

# The background worker (bulk PDF exports) runs alongside the web server and stops with it.
run: setup
	trap 'kill 0' EXIT; $(PY) manage.py db_worker & $(PY) manage.py runserver $(HOST):$(PORT)

test: install system
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf $(VENV) db.sqlite3 build *.egg-info
