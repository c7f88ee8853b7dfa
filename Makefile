# Toezicht: the two commands a newcomer needs are `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install system setup run test test-e2e lint format bench clean serve productie backup restore loadtest

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

# The background worker (bulk PDF exports) runs beside the development server and stops with it.
run: setup
	@$(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install system
	$(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports --no-cache  # the layering contracts in pyproject.toml

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# --- Production-like serving, backups and the load test (see README "Beveiliging en beheer") ---
SERVE_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/toezicht
GUNICORN_ARGS ?= -w 2 -b 127.0.0.1:8000
# DEBUG off; HTTPS=false only because this serves plain http on loopback (behind a TLS proxy in
# production, leave HTTPS unset and set BEHIND_PROXY=true).
SERVE_ENV = DEBUG=false HTTPS=false SECRET_KEY="$$(cat .secret-key)" \
	DATABASE_URL=$(SERVE_DATABASE_URL) ALLOWED_HOSTS=127.0.0.1,localhost
BACKUP ?=

.secret-key:
	python3 -c 'import secrets; print(secrets.token_urlsafe(64))' > $@
	chmod 600 $@

# gunicorn and the task worker (bulk exports), as production runs them; both stop together.
serve: install .secret-key
	-createdb -h 127.0.0.1 -U postgres toezicht 2>/dev/null
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input -v 0
	$(SERVE_ENV) $(PY) manage.py migrate --no-input
	$(SERVE_ENV) $(PY) manage.py laad_toetsingskader
	$(SERVE_ENV) $(PY) manage.py laad_demo
	@$(SERVE_ENV) $(PY) manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(SERVE_ENV) $(VENV)/bin/gunicorn inspecties.wsgi $(GUNICORN_ARGS)

# The CI stage that serves the app as production does and walks the browser journey through it.
productie:
	bash .ci/productie.sh

# Backup of database + uploaded files, encrypted with BACKUP_SLEUTEL (README "Backups"), mode 0600;
# default name backups/toezicht-<time>.tar.gz.enc. Restore into an empty database:
# make restore BACKUP=file
backup: install
	$(PY) manage.py maak_backup $(BACKUP)

restore: install
	@test -f "$(BACKUP)" || { echo "Use: make restore BACKUP=backups/<file>.tar.gz.enc"; exit 1; }
	$(PY) manage.py herstel_backup "$(BACKUP)"

# Needs `make serve` running in another terminal (same SERVE_DATABASE_URL).
loadtest: install .secret-key
	$(SERVE_ENV) $(PY) bench/loadtest.py --duur 60 $(LOADTEST_ARGS)

# Page throughput beside the bare Django ceiling (README "Benchmarks"); a smoke run by default,
# the real one on a quiet machine: make bench BENCH_ARGS="--landelijk --duur 20".
BENCH_ARGS ?=
bench: install
	$(PY) bench/pages.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 build *.egg-info
