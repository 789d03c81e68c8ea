# One entry point for every task. `make site` and `make test` are the two set-up commands.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
# what lint checks, the same in `make lint` and `make test`
CODE   := generator tests benchmarks
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv site check build serve test golden lint format schema clean distclean lock dist bench bench-extract bench-pdf bench-swap bench-paint fuzz province publish

$(VENV)/.installed: requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

venv: $(VENV)/.installed  ## create .venv from the lock file

site: $(VENV)/.installed  ## validate data/, generate content/, build site/
	$(PY) -m generator build

check: $(VENV)/.installed  ## validate data/ only
	$(PY) -m generator check

serve: $(VENV)/.installed  ## live preview on http://127.0.0.1:8000/
	$(PY) -m generator serve

test: lint  ## lint + the whole test suite (installs Chromium and a CJK font if missing)
	bash .ci/system-deps
	$(PY) -m pytest

golden: $(VENV)/.installed  ## refresh golden pages and expected errors (review the diff!)
	$(PY) -m pytest tests/test_golden.py tests/test_bad_data.py tests/test_extract_golden.py --update-golden

lint: $(VENV)/.installed  ## ruff (rules and complexity), ruff format, actionlint
	$(PY) -m ruff check $(CODE)
	$(PY) -m ruff check --select C901 --ignore-noqa $(CODE)
	$(PY) -m ruff format --check $(CODE)
	$(VENV)/bin/actionlint .github/workflows/*.yml

format: $(VENV)/.installed  ## format the code in place
	$(PY) -m ruff format $(CODE)

lock:  ## re-pin requirements.lock (the tool's tests) and generator/requirements.lock (what a bulletin installs, the same versions) from pyproject.toml (needs uv)
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock
	mkdir -p .cache && grep -E '^[a-z]' requirements.lock | sed 's/ \\$$//' > .cache/lock-pins.txt
	uv pip compile pyproject.toml --generate-hashes --python-version 3.11 -c .cache/lock-pins.txt -o generator/requirements.lock

dist: $(VENV)/.installed  ## the tool as a wheel in dist/ (what a county's bulletin pins)
	rm -rf build dist *.egg-info
	$(PY) -m pip wheel --quiet --no-deps --wheel-dir dist .
	rm -rf build *.egg-info
	@ls dist/*.whl

clean:  ## remove everything the build, tests and benchmarks write (not .venv)
	rm -rf site .site-new-* .site-old .cache .bench .province tests/screenshots .mkdocs-*.yml \
	  .pytest_cache .ruff_cache .hypothesis build dist *.egg-info
	rm -rf content/regions content/reports content/projects content/data \
	  content/index.md content/about.md content/feed.xml content/.generated.json \
	  content/search
	find . -name __pycache__ -not -path "./.venv/*" -prune -exec rm -rf {} +

distclean: clean  ## also remove the virtual environment
	rm -rf $(VENV)

bench-extract: $(VENV)/.installed  ## how much of the hand-made data extract reproduces (SEED=file adds a seed document)
	$(PY) benchmarks/extract_score.py $(if $(SEED),--seed $(SEED)) $(if $(CORPUS),--corpus $(CORPUS))

bench-pdf: $(VENV)/.installed  ## schedules printed to PDF beside the same as .xlsx: % of projects and of their numbers
	$(PY) benchmarks/pdf_schedules.py

bench-paint: $(VENV)/.installed  ## first paint on a slow phone through nginx (RUNS, default 7): goal <= 0.6 s, <= 50 KB
	bash .ci/system-deps
	$(PY) benchmarks/paint.py --runs $(or $(RUNS),7)

publish: $(VENV)/.installed  ## put site/ at bulletin.yml's publish_to, or TO=<folder or remote:path>
	$(PY) -m generator publish $(if $(TO),--to "$(TO)")

bench-swap: $(VENV)/.installed  ## a reader polls the pages through BUILDS (default 50) builds: misses must be 0
	$(PY) benchmarks/swap.py --builds $(or $(BUILDS),50)

fuzz: $(VENV)/.installed  ## the fuzzer over every door for SECONDS (default 600): inputs, failures, slowest
	$(PY) benchmarks/fuzz.py --seconds $(or $(SECONDS),600)

bench: $(VENV)/.installed  ## seed, ~1,000 and ~10,000 pages, a province of ~100,000: times, sizes, search, goals
	$(PY) benchmarks/bench.py

province: $(VENV)/.installed  ## two shards of data/ (one per region) and their province site in .province/site/
	$(PY) -m generator province --out .province --split .
	$(PY) -m generator province --out .province --build .province/shards/*
	$(PY) -m generator province --out .province/site --assemble .province/shards/*/site
