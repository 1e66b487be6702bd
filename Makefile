# The kit's two front doors are `make lab` and `make test`; both set everything up first.
# Everything installs into .venv at the repository's root; nothing touches the system Python.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LEARNER_STAMP := $(VENV)/.learner-lab
# As root, Jupyter refuses to start without --allow-root; ordinary users do not need it.
ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)

.PHONY: setup learner-lab browser sandbox postgres hub a11y editor lab test test-newest lint typecheck bench bench-widgets \
	bench-grading build clean

setup: $(STAMP) $(LEARNER_STAMP)

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "stylekit needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# A self-paced learner sees neither Jupyter's news pop-up nor nbgrader's instructor tools (Create Assignment,
# Validate, which does not run the kit's checks, the formgrader and course list). This changes only the kit's own
# .venv (sys-prefix level), never ~/.jupyter. It is redone whenever the venv is rebuilt or this Makefile changes;
# `make learner-lab` redoes it at once.
# Instructors (on their hub, or in this venv) switch nbgrader's tools back on at the same level, since a user-level
# enable cannot override the sys-prefix lock on @jupyter/nbgrader:
#   .venv/bin/jupyter labextension enable --level=sys_prefix @jupyter/nbgrader
#   .venv/bin/jupyter server extension enable --sys-prefix \
#       nbgrader.server_extensions.{formgrader,validate_assignment,assignment_list,course_list}   (in bash)
LEARNER_HIDDEN_LAB_EXTENSIONS := @jupyter/nbgrader @jupyterlab/apputils-extension:announcements
NBGRADER_SERVER_EXTENSIONS := $(addprefix nbgrader.server_extensions.,formgrader validate_assignment assignment_list \
	course_list)

$(LEARNER_STAMP): $(STAMP) Makefile
	@$(MAKE) --no-print-directory learner-lab
	@touch $@

learner-lab:
	@out=$$($(BIN)/jupyter labextension disable --level=sys_prefix $(LEARNER_HIDDEN_LAB_EXTENSIONS) 2>&1) \
		|| { echo "$$out" >&2; exit 1; }
	@out=$$($(BIN)/jupyter server extension disable --sys-prefix $(NBGRADER_SERVER_EXTENSIONS) 2>&1) \
		|| { echo "$$out" >&2; exit 1; }
	@echo "JupyterLab set up for learners: no news pop-up, no nbgrader instructor tools"

# LAB_ARGS passes extra options to JupyterLab, e.g. make lab LAB_ARGS="--port=9999 --no-browser".
# The kit's server extension sends the live coach's updates without Nagle's delay, and saves the kit's widgets as
# their static view so a reopened notebook never shows "model not found" (stylekit/server_extension.py).
lab: setup
	$(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=$(CURDIR) \
		--ServerApp.jpserver_extensions stylekit.server_extension=True \
		--LabApp.default_url=/lab/tree/notebooks/00_welcome.ipynb $(LAB_ARGS)

# $(call apt-install,COMMAND,PACKAGES,WHAT FOR): install Debian's PACKAGES when COMMAND is missing (root only).
define apt-install
	@if ! command -v $(1) >/dev/null 2>&1; then \
		if [ "$$(id -u)" != "0" ]; then \
			echo "make: $(1) is missing and only root can install it; run: sudo apt-get install $(2)" >&2; \
			exit 1; \
		fi; \
		echo "installing Debian's $(2) $(3) ..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(2) >/dev/null; \
	fi
endef

# The browser test (tests/browser) drives Debian's chromium with Playwright, and in CI it must run, not skip:
# so `make test` installs chromium first when it is missing (needs root; Playwright's own browser download
# cannot work here, so never `playwright install`).
browser:
	$(call apt-install,/usr/bin/chromium,chromium,for the browser test)

# Grading contains learner code with Linux namespaces (stylekit/grading/containment.py): bubblewrap builds each
# notebook's sandbox, util-linux's unshare and setpriv mount its noexec scratch space and drop to nobody. Without
# them grading falls back to the audit policy alone, with a warning; so `make test` installs bubblewrap first, and the
# containment tests run, not skip, in CI.
# The sandbox needs root (containment.py), so without root there is nothing to install it for.
sandbox:
ifeq ($(shell id -u),0)
	$(call apt-install,bwrap,bubblewrap util-linux,for contained grading)
else
	@echo "make sandbox: not root, so grading holds learner code with the audit policy alone (README: threat model)"
endif

# A class's gradebook may live on PostgreSQL (stylekit grade --gradebook, and its shards): the tests start a real
# server from Debian's package in a folder of their own, so `make test` installs it first (root only).
postgres:
ifeq ($(shell id -u),0)
	$(call apt-install,pg_ctlcluster,postgresql,for the gradebook tests)
else
	@echo "make postgres: not root; the PostgreSQL gradebook tests run only where Debian's postgresql is installed"
endif

# The classroom runs on JupyterHub (`stylekit course hub`), whose proxy is npm's configurable-http-proxy: installed
# into .hub/ in the project (never globally) when it is not on PATH, so the hub end-to-end test runs, not skips.
HUB_PROXY := .hub/node_modules/.bin/configurable-http-proxy

hub: $(if $(shell command -v configurable-http-proxy 2>/dev/null),,$(HUB_PROXY))

$(HUB_PROXY):
	@command -v npm >/dev/null 2>&1 || { echo "make hub: npm is missing; install Node.js and npm (Debian: apt-get \
		install nodejs npm)" >&2; exit 1; }
	npm install --silent --no-audit --no-fund --prefix .hub configurable-http-proxy@5

# The accessibility test (tests/browser/test_accessibility.py) injects npm's axe-core into the kit's notebooks in
# chromium: installed into .a11y/ in the project (never globally), so that test runs, not skips.
AXE := .a11y/node_modules/axe-core/axe.min.js

a11y: $(AXE)

$(AXE):
	@command -v npm >/dev/null 2>&1 || { echo "make a11y: npm is missing; install Node.js and npm (Debian: apt-get \
		install nodejs npm)" >&2; exit 1; }
	npm install --silent --no-audit --no-fund --prefix .a11y axe-core@4

# The live coach's code box is CodeMirror 6 bundled for anywidget (stylekit/widgets/code_editor.py). The bundle is
# committed, so learners need no Node.js; after changing frontend/code_editor/ rebuild it with this (the versions come
# from its package-lock.json; tests/widgets/test_code_editor.py fails while the bundle is older than its source).
editor:
	@command -v npm >/dev/null 2>&1 || { echo "make editor: npm is missing; install Node.js and npm" >&2; exit 1; }
	npm ci --silent --no-audit --no-fund --prefix frontend/code_editor
	node frontend/code_editor/build.mjs

test: setup browser sandbox postgres hub a11y
	$(BIN)/python -m pytest

# The kit runs on 3.11 and on the newest Python the machine has (on PATH, or installed by pyenv): the same suite in
# a venv of its own. Nothing newer than 3.11 here: said, and skipped.
NEWEST_PYTHON ?= $(shell for version in 3.14 3.13 3.12; do \
	for candidate in python$$version $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/$$version*/bin/python$$version \
			2>/dev/null | sort -V | tail -1); do \
		"$$candidate" -c 'import sys' >/dev/null 2>&1 && { echo "$$candidate"; exit 0; }; \
	done; done)

test-newest:
	@if [ -z "$(NEWEST_PYTHON)" ]; then \
		echo "make test-newest: no Python newer than 3.11 on this machine; skipped"; \
	else \
		echo "make test-newest: the whole suite on $$($(NEWEST_PYTHON) --version)"; \
		$(MAKE) --no-print-directory test VENV=.venv-newest PYTHON=$(NEWEST_PYTHON); \
	fi

# The kit follows the guide it teaches; the test suite runs these too (tests/test_dogfood.py).
lint: setup
	$(BIN)/stylekit lint stylekit tests benchmarks autograder

typecheck: setup
	$(BIN)/python -m mypy

# Every lesson, exercise notebook, hidden check and release is built from its section source in sections/; never
# edit a built file by hand (tests/curriculum/test_build.py fails when one differs from what its source builds).
build: setup
	$(BIN)/stylekit build

bench: setup
	$(BIN)/python benchmarks/bench_checker.py
	$(MAKE) --no-print-directory bench-widgets
	$(MAKE) --no-print-directory bench-grading

# Keystroke-to-feedback latency of the live coach in a real JupyterLab and chromium (issue 4).
bench-widgets: setup browser
	$(BIN)/python benchmarks/bench_widget_latency.py

# Stock sequential nbgrader against stylekit grade on 32 submissions (about 7 minutes on 2 cores).
bench-grading: setup sandbox
	$(BIN)/python benchmarks/bench_grading.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .hypothesis build *.egg-info
