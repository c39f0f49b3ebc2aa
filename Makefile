# newsdw: `make run` loads data/raw into data/warehouse/news.duckdb; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install run test test-fast lint lock clean

install: $(STAMP)

# Re-install when the dependency list or the lock changes. requirements.lock pins every
# transitive version we tested; pyproject.toml says what we need and why.
$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	@set -o pipefail; $(PY) -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[dev]' 2>&1 \
		| { grep -v '^WARNING: Location' || true; }
	@touch $(STAMP)

run: install
	@$(VENV)/bin/newsdw run

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

test: lint
	$(PY) -m pytest

# Unit tests only (no Prefect server, no subprocess flows): seconds, for the edit-test loop.
test-fast: install
	$(PY) -m pytest -m "not e2e and not slow"

lock:
	$(PY) -m pip freeze --exclude-editable --disable-pip-version-check | grep -v '^-e ' > requirements.lock

clean:
	rm -rf data/warehouse/*.duckdb data/warehouse/*.wal data/warehouse/*.lock data/warehouse/*.spill .prefect
