# deptbudget: the entry point. `make briefing` and `make test` set everything up themselves.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
SAMPLE := data/raw/bj-xicheng-foreign-affairs-office-2024.txt

.PHONY: setup system-deps briefing extract test lint bench clean

setup: system-deps $(VENV)/.installed

system-deps:
	@bash scripts/install-system-deps.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

## The sample department's extracted data (CSV + disclosure.json) in out/.
extract: setup
	$(BIN)/deptbudget extract $(SAMPLE) --out out/sample

## The README's main command: the sample's briefing as HTML and PDF in reports/.
briefing: setup
	$(BIN)/deptbudget brief $(SAMPLE) --out reports

## The whole suite: lint, then tests.
test: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/pytest

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports

bench: setup
	$(BIN)/python benchmarks/bench_read.py
	$(BIN)/python benchmarks/bench_briefing.py

clean:
	rm -rf out reports .pytest_cache .ruff_cache
