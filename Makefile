# Regiometer: `make run` to start the dashboard, `make test` to run every test.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
AXE    := $(VENV)/axe/node_modules/axe-core/axe.min.js
AXE_VERSION := 4.14.1

# Settings from .env (see .env.example), if present, reach every command.
ifneq (,$(wildcard .env))
include .env
export $(shell sed -n 's/^\(REGIOMETER_[A-Z0-9_]*\)=.*/\1/p' .env)
endif

.DEFAULT_GOAL := help
.PHONY: help setup run test test-fast bench lint format etl init clean plotly-bundle

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP) ## create .venv and install the project with its dev tools

# axe-core (the engine behind Lighthouse's accessibility audit) for the browser tests, from npm.
$(AXE):
	npm install --silent --no-audit --no-fund --prefix $(VENV)/axe axe-core@$(AXE_VERSION)

init: setup ## create or upgrade the warehouse from the region pack (data/packs/, REGIOMETER_PACK)
	$(PY) -m etl init

run: setup ## build the warehouse if missing and serve the dashboard on http://127.0.0.1:8050
	$(PY) -m dashboard

test: setup $(AXE) ## run the whole test suite (browser tests need chromium: see .ci/run)
	$(PY) -m pytest

test-fast: setup ## unit tests only, no browser
	$(PY) -m pytest -m "not e2e"

bench: setup ## import and dashboard benchmarks on synthetic data (figures for the notes)
	$(PY) -m tests.bench $(BENCH_ARGS)

lint: setup ## ruff check, format check and the type checker (mypy, configured in pyproject.toml)
	$(PY) -m ruff check etl dashboard tests
	$(PY) -m ruff format --check etl dashboard tests
	$(PY) -m mypy

format: setup ## format the code with ruff
	$(PY) -m ruff format etl dashboard tests
	$(PY) -m ruff check --fix etl dashboard tests

etl: setup ## fetch every official source and load it (needs the network)
	$(PY) -m etl run

# plotly.js with only the trace types the charts use (1.4 MB instead of 4.8 MB to parse before the
# first chart), built with esbuild from the plotly.js release the plotly Python package carries.
PLOTLY_DIR := assets/vendor/plotly
plotly-bundle: setup ## rebuild assets/vendor/plotly after upgrading plotly (needs node and npm)
	rm -rf build/plotly && mkdir -p build/plotly
	cp $(PLOTLY_DIR)/bundle.js build/plotly/
	version=$$($(PY) -c "import plotly.offline; print(plotly.offline.get_plotlyjs_version())") && \
	npm install --silent --no-audit --no-fund --prefix build/plotly plotly.js@$$version esbuild@0.28 && \
	build/plotly/node_modules/.bin/esbuild build/plotly/bundle.js --bundle --minify --format=iife \
		--global-name=Plotly --target=es2016 --define:global=window --define:define.amd=false \
		--banner:js="/* plotly.js v$$version (partial bundle: $(PLOTLY_DIR)/bundle.js), Copyright Plotly, Inc., MIT licence */" \
		--outfile=build/plotly/plotly-regiometer.min.js --log-level=warning
	cp build/plotly/plotly-regiometer.min.js $(PLOTLY_DIR)/

clean: ## remove the venv and generated data (never data/packs)
	rm -rf $(VENV) data/regiometer*.db data/regiometer*.db-* .pytest_cache
