# Atbalsts — the README names these targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_CLIENTS ?= 400

.PHONY: install run test lint format check messages demo bench clean

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py generate_demo_data --if-empty --clients $(DEMO_CLIENTS) --seed 1
	$(BIN)/python manage.py demo_logins --url http://$(HOST):$(PORT)/
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: $(STAMP)
	$(BIN)/python manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production SECRET_KEY=check-deploy-$$(date +%s)-0123456789abcdefghijklmnopqrstuvwxyz ALLOWED_HOSTS=atbalsts.example.lv DATABASE_URL=sqlite:///tmp/atbalsts-check.sqlite3 \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

messages: $(STAMP)
	$(BIN)/python manage.py makemessages -l lv -l uk -l ru --no-location --ignore '.venv/*' --ignore 'static/*' --ignore 'tests/*' --ignore 'bench/*'
	$(BIN)/python manage.py compilemessages --ignore '.venv/*'

bench: $(STAMP)
	$(BIN)/python bench/reporting.py

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
