# Atbalsts — the README names these targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two sets, each with its own stamp: `make run` needs only the production set; the test, lint
# and check targets need the development set (which includes the production one, same pins).
BASE_STAMP := $(VENV)/.installed-base
DEV_STAMP := $(VENV)/.installed-dev
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_CLIENTS ?= 2500
# uv pip compile, for `make requirements`; e.g. UV_ARGS="--upgrade-package django" to move one pin.
COMPILE := $(BIN)/uv pip compile --quiet --generate-hashes --python-version 3.11 --custom-compile-command "make requirements"

.PHONY: install run test lint format check messages demo bench requirements clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(BASE_STAMP): requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	touch $@

$(DEV_STAMP): requirements/dev.txt requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	touch $@

install: $(DEV_STAMP)

run: $(BASE_STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py generate_demo_data --if-empty --clients $(DEMO_CLIENTS) --seed 1
	$(BIN)/python manage.py notify_daily --no-email
	$(BIN)/python manage.py demo_logins --url http://$(HOST):$(PORT)/
	@# The task worker sends the notification e-mails (to this console); it stops with the server.
	SITE_URL=http://$(HOST):$(PORT) $(BIN)/python manage.py db_worker --no-reload --no-startup-delay & worker=$$!; \
		trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
		$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(DEV_STAMP)
	$(BIN)/python -m pytest -n 2 --dist worksteal $(PYTEST_ARGS)

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(DEV_STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=check-deploy-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=atbalsts.example.lv DATABASE_URL=sqlite:///tmp/atbalsts-check.sqlite3 \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

messages: $(DEV_STAMP)
	$(BIN)/python manage.py makemessages -l lv -l uk -l ru --no-location --no-wrap --ignore '.venv/*' --ignore 'static/*' --ignore 'tests/*' --ignore 'bench/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

bench: $(DEV_STAMP)
	$(BIN)/python bench/reporting.py

# Recompile the pinned sets from requirements/*.in (existing pins are kept unless UV_ARGS moves them);
# dev is compiled against base.txt, so the packages they share keep one version.
requirements: $(DEV_STAMP)
	$(COMPILE) $(UV_ARGS) requirements/base.in -o requirements/base.txt
	$(COMPILE) $(UV_ARGS) requirements/dev.in -o requirements/dev.txt

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .import_linter_cache
