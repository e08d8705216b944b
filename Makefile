# Two commands set everything up: `make run` (serve the demo) and `make test` (the whole suite).
# `make run` loads the demo into an empty database only; a database holding anything else is left as it is.
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

.PHONY: run serve test bench loadtest lint install clean-db

$(STAMP): pyproject.toml
	@if [ ! -x $(BIN)/python ] || ! $(BIN)/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then \
		rm -rf $(VENV); \
		PY=$$(sh scripts/find_python.sh) || exit 1; \
		echo "Creating $(VENV) with $$PY"; \
		$$PY -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --no-input
	$(BIN)/python manage.py load_demo --if-empty
	sh scripts/with_worker.sh $(BIN)/python manage.py runserver --insecure 127.0.0.1:8000

# Production settings under gunicorn on 127.0.0.1 (HPI_PORT, default 8000): migrate, collectstatic, serve,
# with the task worker beside it (as `make run` does beside runserver).
serve: $(STAMP)
	sh scripts/serve.sh

# The suite runs on SQLite, then again on PostgreSQL when DATABASE_URL is set (.ci/run sets it).
test: $(STAMP)
	sh scripts/ensure_browser.sh
	$(BIN)/ruff check .
	env -u DATABASE_URL $(BIN)/python manage.py makemigrations --check --dry-run
	env -u DATABASE_URL $(BIN)/pytest $(PYTEST_ARGS)
	@if [ -n "$$DATABASE_URL" ]; then \
		echo "== again on $$DATABASE_URL =="; \
		$(BIN)/pytest $(PYTEST_ARGS); \
	fi

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py

# The deadline rush under locust against gunicorn + PostgreSQL with the production settings, loopback only,
# bounded (HPI_LOAD_STUDENTS, HPI_LOAD_TIME, HPI_LOAD_MAX_REQUESTS): scripts/loadtest.sh. Needs `pip install -e .[load]`.
loadtest: $(STAMP)
	$(BIN)/pip install --quiet -e '.[load]'
	sh scripts/loadtest.sh

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean-db:
	rm -f db.sqlite3
