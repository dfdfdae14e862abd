# Every target sets itself up on a fresh machine: it creates .venv and installs Cadence when needed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo sandbox serve clock migrate test test-postgres lint format bench migration clean

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP) ## Socket Mode + scheduler (reads .env)
	$(BIN)/python -m bot run

demo: $(STAMP) ## play six weeks of a fictional programme without Slack; writes data/demo/index.html
	$(BIN)/python -m bot demo

sandbox: $(STAMP) ## try Cadence in a local Slack-like web client at http://127.0.0.1:8765 (no Slack, no .env)
	$(BIN)/python -m bot sandbox

serve: $(STAMP) ## HTTP mode on $$PORT
	$(BIN)/python -m bot serve

clock: $(STAMP) ## the scheduler alone
	$(BIN)/python -m bot clock

migrate: $(STAMP)
	$(BIN)/python -m bot migrate

test: $(STAMP) ## every suite on SQLite; the PostgreSQL-only tests run when CADENCE_TEST_DATABASE_URL is set
	$(BIN)/python -m pytest

test-postgres: $(STAMP) ## the storage and end-to-end suites on PostgreSQL at $$CADENCE_TEST_DATABASE_URL
	CADENCE_TEST_BACKEND=postgres $(BIN)/python -m pytest tests/storage tests/e2e

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy bot handlers content storage emulator
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(STAMP) ## benchmarks under tests/bench (not part of make test)
	$(BIN)/python -m pytest tests/bench -p no:randomly -s

migration: $(STAMP) ## make migration m="what changed"
	$(BIN)/alembic revision --autogenerate -m "$(m)"
	$(BIN)/ruff format storage/migrations/versions

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
