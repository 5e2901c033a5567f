# The README's two commands: `make site` builds the site, `make test` runs every test.
# Both set up .venv/ on a fresh machine with only python3 and make.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: site test check lint bench clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# Validate all content, then build every published edition into site/.
site: $(STAMP)
	$(VENV)/bin/stand build

# Lint, types and the whole test suite (browser tests included when chromium is installed).
test: $(STAMP)
	$(VENV)/bin/ruff check builder schema tests benchmarks
	$(VENV)/bin/ruff format --check builder schema tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest

check: $(STAMP)
	$(VENV)/bin/stand check

bench: $(STAMP)
	$(PY) benchmarks/check_speed.py

clean:
	rm -rf $(VENV) site .stand-build
