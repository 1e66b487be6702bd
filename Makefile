# The kit's two front doors: `make lab` sets up the learner's set and opens JupyterLab, `make test` sets up the rest
# and runs the tests. Everything installs into .venv at the repository's root; nothing touches the system Python.

PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
# Two stamps, two sets: `make lab` installs the learner's (the `kit` extra: JupyterLab, widgets, grading), `make test`
# the rest on top (the `dev` extra). A venv set up by `make lab` is completed by `make test`, and `make lab` after
# `make test` installs nothing. STAMP holds the lock it was installed with (tests/test_lock.py reads it).
KIT_STAMP := $(VENV)/.installed-kit
STAMP := $(VENV)/.installed
LEARNER_STAMP := $(VENV)/.learner-lab
# The lock: every package of the `dev` extra (and so of `kit`) pinned for Python 3.11 on Linux, so that two workshop
# machines install the same versions. Both stamps install with it as pip constraints: each installs only the packages
# its extra needs, at the lock's versions. `make lock` refreshes it; LOCK= (empty) installs unlocked (test-newest).
LOCK ?= constraints.txt
# A room without the registries: `make wheelhouse` downloads the locked set into a folder (wheelhouse/, or
# WHEELHOUSE=path), and `make lab WHEELHOUSE=path` (or `make test ...`) installs from that folder alone.
WHEELHOUSE ?=
PIP_INSTALL = $(BIN)/python -m pip install --quiet $(if $(LOCK),--constraint $(LOCK)) \
	$(if $(WHEELHOUSE),--no-index --find-links $(WHEELHOUSE))
# As root, Jupyter refuses to start without --allow-root; ordinary users do not need it.
ROOT_FLAG := $(shell [ "$$(id -u)" = "0" ] && echo --allow-root)

.PHONY: setup lock wheelhouse learner-lab browser sandbox postgres hub a11y editor lab test test-newest lint \
	typecheck bench bench-widgets bench-grading build clean

setup: $(STAMP) $(LEARNER_STAMP)

$(BIN)/python:
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "stylekit needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)

$(KIT_STAMP): pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP_INSTALL) --upgrade pip
	$(PIP_INSTALL) -e '.[kit]'
	touch $@

$(STAMP): $(KIT_STAMP)
	$(PIP_INSTALL) -e '.[dev]'
	echo '$(LOCK)' > $@

# uv resolves for a Python and platform named here, not for the machine that runs it: `3.11` means every 3.11
# release from 3.11.0 on (Debian 12's is 3.11.2), so nothing that needs a later 3.11 is pinned. Besides the extras,
# the lock pins pip and what builds the kit itself (pyproject's build-system), so that a wheelhouse holds those too.
UV_VERSION := 0.13.10
lock: | $(BIN)/python
	@[ "$$($(BIN)/uv --version 2>/dev/null | cut -d' ' -f2)" = "$(UV_VERSION)" ] \
		|| $(BIN)/python -m pip install --quiet uv==$(UV_VERSION)
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], \
		"pip", sep="\n")' | $(BIN)/uv pip compile --quiet pyproject.toml - --extra dev --python-version 3.11 \
		--python-platform linux --annotation-style line --custom-compile-command 'make lock' --output-file $(LOCK)

# Every package the lock pins, as wheels for this machine's Python and platform: prepare it on a Linux machine with
# Python 3.11 like the room's, and carry it there with the kit. pip needs no registry to install from it.
wheelhouse:
	$(PYTHON) -m pip download --quiet --no-deps --only-binary=:all: --requirement $(LOCK) \
		--dest $(or $(WHEELHOUSE),wheelhouse)

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

# JupyterLab's settings for the kit (a notebook's kernel shuts down when its tab closes: opening lessons from the
# welcome table one after another must not leave a kernel each on a 2-core machine), as defaults at the same
# sys-prefix level in JupyterLab's overrides.d; a learner's own Settings Editor choices still win.
LAB_OVERRIDES := stylekit/workspace/jupyterlab_overrides.json
LAB_OVERRIDES_TARGET := $(VENV)/share/jupyter/lab/settings/overrides.d/stylekit.json

$(LEARNER_STAMP): $(KIT_STAMP) Makefile $(LAB_OVERRIDES)
	@$(MAKE) --no-print-directory learner-lab
	@touch $@

learner-lab:
	@out=$$($(BIN)/jupyter labextension disable --level=sys_prefix $(LEARNER_HIDDEN_LAB_EXTENSIONS) 2>&1) \
		|| { echo "$$out" >&2; exit 1; }
	@out=$$($(BIN)/jupyter server extension disable --sys-prefix $(NBGRADER_SERVER_EXTENSIONS) 2>&1) \
		|| { echo "$$out" >&2; exit 1; }
	@mkdir -p $(dir $(LAB_OVERRIDES_TARGET)) && cp $(LAB_OVERRIDES) $(LAB_OVERRIDES_TARGET)
	@echo "JupyterLab set up for learners: no news pop-up, no nbgrader instructor tools, kernels shut with their tab"

# The learner works in a workspace of their own, outside the kit's tracked files: the lessons and the released
# exercises only (no solutions, no hidden checks), made and updated by `stylekit workspace` (stylekit/workspace/),
# which merges the kit's new sections and corrected lessons in without overwriting a file the learner changed.
# JupyterLab's root is the workspace, so its file browser shows nothing else. WORKSPACE picks another folder,
# e.g. make lab WORKSPACE=~/stylekit-work.
WORKSPACE ?= workspace
WORKSPACE_DIR = $(abspath $(WORKSPACE))
# The self-check in a workspace notebook grades with the kit's hidden checks (stylekit/grading/runner.py, CHECKS_ENV).
LAB_ENV := STYLEKIT_CHECKS=$(CURDIR)/autograder/checks
# A kernel nobody is connected to (its tab closed while the kernel was kept, or the browser gone) is shut down after
# 10 idle minutes; a kernel with an open tab is never culled, so a learner reading slowly keeps their state.
KERNEL_CULLING := --MappingKernelManager.cull_idle_timeout=600 --MappingKernelManager.cull_interval=60 \
	--MappingKernelManager.cull_connected=False

# LAB_ARGS passes extra options to JupyterLab, e.g. make lab LAB_ARGS="--port=9999 --no-browser".
# The kit's server extension sends the live coach's updates without Nagle's delay, and saves the kit's widgets as
# their static view so a reopened notebook never shows "model not found" (stylekit/server_extension.py).
lab: $(KIT_STAMP) $(LEARNER_STAMP)
	$(BIN)/stylekit workspace $(WORKSPACE_DIR)
	$(LAB_ENV) $(BIN)/jupyter lab $(ROOT_FLAG) --ServerApp.root_dir=$(WORKSPACE_DIR) \
		--ServerApp.jpserver_extensions stylekit.server_extension=True $(KERNEL_CULLING) \
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
	@echo "make sandbox: not root, so grading holds learner code with the audit policy alone (docs/instructors.md: threat model)"
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
# a venv of its own. Nothing newer than 3.11 here: said, and skipped. The lock is for 3.11, so this run installs
# unlocked (LOCK=): the newest releases that resolve, which is also what the next `make lock` will bring.
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
		$(MAKE) --no-print-directory test VENV=.venv-newest PYTHON=$(NEWEST_PYTHON) LOCK=; \
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
