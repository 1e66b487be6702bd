# The kit's two front doors are `make lab` and `make test`; both set everything up first.
# Everything installs into .venv at the repository's root; nothing touches the system Python.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# As root, Jupyter refuses to start without --allow-root; ordinary users do not need it.
ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)

.PHONY: setup lab test lint typecheck bench exercises clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "stylekit needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# LAB_ARGS passes extra options to JupyterLab, e.g. make lab LAB_ARGS="--port=9999 --no-browser"
lab: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=$(CURDIR) \
		--LabApp.default_url=/lab/tree/notebooks/00_welcome.ipynb $(LAB_ARGS)

test: setup
	$(BIN)/python -m pytest

# The kit follows the guide it teaches; the test suite runs these too (tests/test_dogfood.py).
lint: setup
	$(BIN)/stylekit lint stylekit tests notebooks benchmarks autograder

typecheck: setup
	$(BIN)/python -m mypy

# The learner versions in exercises/ are generated from solutions/ by nbgrader; never edit them by hand.
exercises: setup
	$(BIN)/stylekit exercises

bench: setup
	$(BIN)/python benchmarks/bench_checker.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .hypothesis build *.egg-info
