# Cluster 05 IS — every set-up step behind two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n auto
# axe-core, the accessibility engine of tests/browser/test_accessibility.py (from npm).
AXE_CORE_VERSION := 4.14.1
NODE_PREFIX := var/node
AXE_STAMP := $(NODE_PREFIX)/.axe-core-$(AXE_CORE_VERSION)

.PHONY: help run serve install install-dev axe migrate demo test lint format hooks messages compile-messages check-python clean

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-18s %s\n", $$1, $$2}'

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); run with PYTHON=python3.11")'

$(BIN)/python: | check-python
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet -r requirements/base.txt
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt requirements/production.txt requirements/base.txt $(VENV)/.installed-base
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	@touch $@

install: $(VENV)/.installed-base ## Create .venv and install the runtime dependencies

install-dev: $(VENV)/.installed-dev ## Install the development and test dependencies too

# Without npm the accessibility tests are skipped (they fail under REQUIRE_BROWSER=1, as in CI).
$(AXE_STAMP):
	@if command -v npm >/dev/null; then \
		mkdir -p $(NODE_PREFIX) && rm -f $(NODE_PREFIX)/.axe-core-* && \
		npm install --prefix $(NODE_PREFIX) --no-save --no-audit --no-fund --loglevel=error \
			axe-core@$(AXE_CORE_VERSION) && touch $@; \
	else \
		echo "npm not found: accessibility tests will be skipped (apt install nodejs npm)"; \
	fi

axe: $(AXE_STAMP) ## Install axe-core (pinned above) from npm under var/node, for the accessibility tests

migrate: install ## Apply database migrations (SQLite under var/ unless DATABASE_URL is set)
	@mkdir -p var
	@$(MANAGE) ensure_database
	$(MANAGE) migrate --no-input -v 0

demo: migrate ## Load the demo data and make sure an administrator exists
	$(MANAGE) load_demo
	$(MANAGE) ensure_admin

run: demo ## Set everything up, then serve http://127.0.0.1:8000/
	@echo "Serving http://$(HOST):$(PORT)/ — administration at http://$(HOST):$(PORT)/admin/"
	$(MANAGE) runserver $(HOST):$(PORT)

serve: install ## Serve without migrating or loading the demo
	$(MANAGE) runserver $(HOST):$(PORT)

test: install-dev $(AXE_STAMP) ## Run the whole test suite (SQLite, or PostgreSQL with DATABASE_URL)
	@mkdir -p var
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install-dev ## ruff format --check, ruff check, import floors, Django checks, migrations up to date
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=config.settings.test $(MANAGE) makemigrations --check --dry-run

format: install-dev ## Reformat the code and fix what ruff can
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

hooks: install-dev ## Install the git hooks: ruff before each commit, the commit-message check
	$(BIN)/pre-commit install --hook-type pre-commit --hook-type commit-msg

messages: install ## Extract UI strings into site/locale (needs GNU gettext), then compile them
	$(MANAGE) makemessages --no-location --no-obsolete -l fr -l en -l it --ignore 'var/*' --ignore '.venv/*' --ignore 'bench/*' --ignore 'tests/*'
	$(MANAGE) makemessages --no-location --no-obsolete -d djangojs -l fr -l en -l it --ignore 'var/*' --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'site/static/vendor/*'
	$(MAKE) compile-messages

compile-messages: install ## Compile the .po catalogues into the committed .mo files
	$(MANAGE) compilemessages --ignore '.venv' -v 0

clean: ## Remove the virtual environment and caches (keeps var/ and its data)
	rm -rf $(VENV) .pytest_cache .ruff_cache
