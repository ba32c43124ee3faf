# Two commands set up a fresh machine (see README): `make site` and `make test`.
# Everything installs from locked files: requirements.lock (pip, hashed) and package-lock.json (npm).
SHELL := /bin/bash
PY := .venv/bin/python
VENV := .venv/.installed
NODE := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site data test test-fast lint eval eval-regression eval-heldout eval-corpus serve chromium bench bench-country clean lock

site: $(VENV) $(NODE)  ## install what is needed, build datapackage/ and build/site/
	.venv/bin/solieu build

data: $(VENV)  ## stages 0-4 only (no site)
	.venv/bin/solieu build --no-site

test: site chromium lint  ## install what is needed (chromium too), build, run every test
	.venv/bin/pytest

test-fast: $(VENV)  ## unit tests only, no browser
	.venv/bin/pytest -m "not browser"

lint: $(VENV)
	.venv/bin/ruff check src tests scripts docs/hooks
	.venv/bin/ruff format --check src tests scripts docs/hooks

eval: $(VENV)  ## in-sample: precision / recall against the hand-built gold of the five reports
	.venv/bin/solieu eval

eval-regression: $(VENV)  ## regression set (tests/heldout): texts the rules were tuned on, not held out
	$(PY) scripts/eval_heldout.py

eval-heldout: eval-regression  ## old name of eval-regression

# The real development corpus lives beside the repository (../shared/corpus, with its scorer in
# ../shared/tools); a clone elsewhere has none, and the target says so and succeeds.
SHARED ?= ../shared
eval-corpus: $(VENV)  ## real texts of the genre (../shared/corpus): figures, indicators, traps
	@if [ -x "$(SHARED)/tools/score-corpus" ] && [ -d "$(SHARED)/corpus" ]; then \
	  $(PY) "$(SHARED)/tools/score-corpus" . ; \
	else \
	  echo "eval-corpus: skipped: no corpus at $(SHARED)/corpus (set SHARED=/path/to/shared)"; \
	fi

serve: site
	.venv/bin/solieu serve

BENCH_SIZES ?= 5,100,1000
COUNTRY_REPORTS ?= 10000
bench: $(VENV) $(NODE)  ## speed and memory, measured (never asserted in tests); BENCH_SIZES=5,100 for a quick run, BIG=1 adds 10,000
	$(PY) scripts/bench.py
	$(PY) scripts/bench_stages.py
	$(PY) scripts/bench_scale.py --sizes $(BENCH_SIZES) $(if $(BIG),--big)

bench-country: $(VENV) $(NODE)  ## the country: one build per province as tasks on Dask's local cluster (COUNTRY_REPORTS=10000)
	$(PY) scripts/bench_country.py --reports $(COUNTRY_REPORTS)

$(VENV): requirements.lock pyproject.toml
	test -x $(PY) || python3 -m venv .venv
	$(PY) -m pip install -q --disable-pip-version-check --require-hashes -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(NODE): package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

chromium:  ## Debian's chromium for the browser tests (never `playwright install`)
	@command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lock:  ## re-pin requirements.lock from pyproject.toml (uv, installed in a throwaway venv)
	test -x build/.uv/bin/uv || { python3 -m venv build/.uv && build/.uv/bin/pip install -q uv; }
	build/.uv/bin/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf build .venv node_modules
