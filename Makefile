# The README's two commands: `make site` builds the site, `make test` runs every test.
# Both set up .venv/ on a fresh machine with only python3 and make.

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed

.PHONY: venv site test test-fast check lint bench clean bench-report github-chromium

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

# axe-core and the Nu Html Checker (vnu.jar) from package-lock.json, for the accessibility and
# HTML validity tests; without npm (or java) those tests are skipped, so .ci/run installs both.
# --ignore-scripts: vnu-jar's postinstall would fetch a Java runtime; we use the system's java.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
	  npm ci --ignore-scripts --no-audit --no-fund && touch $(NODE_STAMP); \
	else echo "npm ontbreekt: de tests met axe-core en de Nu Html Checker worden overgeslagen"; fi

# Only the environment with `stand` in .venv/bin/ (CI steps that run stand themselves).
venv: $(STAMP)

# Validate all content, then build every published edition into site/.
site: $(STAMP)
	$(VENV)/bin/stand build

# Lint, types and the whole test suite (browser tests included when chromium is installed).
test: $(STAMP) $(NODE_STAMP)
	$(VENV)/bin/ruff check builder schema tests benchmarks
	$(VENV)/bin/ruff format --check builder schema tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest

# The inner loop: lint, types and the tests that neither build a site nor open a browser
# (pytest markers `slow` and `browser`). `make test` stays the full suite CI runs.
test-fast: $(STAMP)
	$(VENV)/bin/ruff check builder schema tests benchmarks
	$(VENV)/bin/mypy
	$(VENV)/bin/pytest -q -m "not slow and not browser"

check: $(STAMP)
	$(VENV)/bin/stand check

bench: $(STAMP)
	$(PY) benchmarks/check_speed.py
	$(PY) benchmarks/serve_rebuild.py
	$(PY) benchmarks/save_to_screen.py

# check and build on 10, 100 and 1000 generated casussen, against bare YAML + pydantic and a plain
# mkdocs build; rewrites docs/benchmarks.md (takes a few minutes).
bench-report: $(STAMP)
	$(PY) benchmarks/run.py

# GitHub's Ubuntu runners have Google Chrome and a matching chromedriver, not Debian's chromium:
# link them where the browser tests and the PDF step look (.github/workflows/).
github-chromium:
	sudo ln -sf "$$(command -v google-chrome)" /usr/bin/chromium
	sudo ln -sf "$$CHROMEWEBDRIVER/chromedriver" /usr/bin/chromedriver

clean:
	rm -rf $(VENV) site .stand-build node_modules
