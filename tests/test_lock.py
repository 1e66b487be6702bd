"""The lock (constraints.txt) holds what `make lab` and `make test` install: two machines get the same versions.

`make lab` installs the learner's set (the `kit` extra) and `make test` the rest (the `dev` extra), both with the lock
as pip constraints, from the registries or from a wheelhouse (`make wheelhouse`) in a room without them. The Makefile's
command lines are read with `make -n` against a venv of the test's own, whose stamps the test lays.
"""
import os
import re
import subprocess
import sys
import sysconfig
import time
import tomllib
from importlib import metadata
from pathlib import Path
from typing import Dict, List, Set, Tuple

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import REPO_ROOT

LOCK = REPO_ROOT / "constraints.txt"
# What the Makefile writes into the venv's stamp once `make test` installed it: the lock it installed with.
INSTALLED_STAMP = Path(sys.prefix) / ".installed"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)")


def _pins() -> Dict[str, str]:
    lines = LOCK.read_text(encoding="utf-8").splitlines()
    return {canonicalize_name(match["name"]): match["version"] for match in map(PIN.match, lines) if match}


def _declared() -> List[Requirement]:
    """Every requirement the lock is made from: pyproject's dependencies and extras, its build system, and pip."""
    pyproject = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    texts = list(project["dependencies"]) + list(pyproject["build-system"]["requires"]) + ["pip"]
    for extra in project["optional-dependencies"].values():
        texts += [text for text in extra if canonicalize_name(Requirement(text).name) != project["name"]]
    return [Requirement(text) for text in texts]


def test_WHEN_lock_read_THEN_every_declared_requirement_pinned_within_its_range() -> None:
    """pyproject.toml changed without `make lock` shows here: a requirement missing or out of its range."""
    pins = _pins()

    outside = sorted(f"{requirement} (lock: {pins.get(canonicalize_name(requirement.name), 'missing')})"
                     for requirement in _declared()
                     if not requirement.specifier.contains(pins.get(canonicalize_name(requirement.name), "0.dev0"),
                                                           prereleases=True)
                     or canonicalize_name(requirement.name) not in pins)
    assert [] == outside


def test_WHEN_installed_by_make_THEN_every_locked_package_has_its_pinned_version() -> None:
    stamp = INSTALLED_STAMP.read_text(encoding="utf-8").strip() if INSTALLED_STAMP.is_file() else ""
    if stamp != LOCK.name:
        reason = (f"this Python ({sys.prefix}) was not installed from {LOCK.name} by `make test` "
                  f"(its stamp {INSTALLED_STAMP} names {stamp or 'no lock'})")
        if os.environ.get("CI"):
            pytest.fail(f"CI installs with `make test`, which uses the lock, yet {reason}")
        pytest.skip(reason)
    # Where pip installed them: once setuptools is imported, sys.path also holds its vendored copies (packaging, wheel).
    site_packages = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    installed = {canonicalize_name(distribution.metadata["Name"]): distribution.version
                 for distribution in metadata.distributions(path=site_packages)}
    pins = _pins()
    # What only builds the kit (pyproject's build-system, e.g. wheel) is pinned for a wheelhouse, not installed.
    build_only = {canonicalize_name(Requirement(text).name) for text in tomllib.loads(
        (REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["build-system"]["requires"]}

    expected: Tuple[Dict[str, str], Set[str]] = ({}, set())
    actual = ({name: f"{version} locked, {installed[name]} installed" for name, version in pins.items()
               if name in installed and installed[name] != version}, set(pins) - set(installed) - build_only)
    assert expected == actual


def test_WHEN_environment_yml_read_THEN_it_installs_with_the_lock() -> None:
    """conda runs the pip section from environment.yml's folder, so the lock's relative path holds there too."""
    environment = yaml.safe_load((REPO_ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))

    assert f"-c {LOCK.name}" in pip_section


# -- the Makefile's command lines ---------------------------------------------------------------------------------
def _lay_stamps(venv: Path, *stamps: str, before_the_lock: bool = False) -> None:
    """A venv as `make` would leave it: a Python, and each stamp newer than everything it depends on, in this order
    (or older than the lock: installed before `make lock` refreshed it)."""
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    newest_source = max(path.stat().st_mtime for path in [REPO_ROOT / "pyproject.toml", LOCK, REPO_ROOT / "Makefile"])
    moment = LOCK.stat().st_mtime - 60 if before_the_lock else max(newest_source + 1, time.time() - 60)
    for offset, stamp in enumerate(stamps):
        (venv / stamp).touch()
        os.utime(venv / stamp, (moment + offset, moment + offset))


def _commands(target: str, venv: Path, *settings: str) -> List[str]:
    """What `make TARGET` would run, one command a line, continuation lines joined."""
    completed = subprocess.run(["make", "--dry-run", "--no-print-directory", "-C", str(REPO_ROOT), target,
                                f"VENV={venv}", *settings], capture_output=True, text=True, timeout=60)
    assert 0 == completed.returncode, completed.stderr
    return [" ".join(line.split()) for line in completed.stdout.replace("\\\n", " ").splitlines()]


def _installs(commands: List[str]) -> List[str]:
    """Each pip install, with the venv's path left out."""
    return [command.split("-m pip install ", 1)[1] for command in commands if "-m pip install " in command]


def test_WHEN_lab_in_a_fresh_clone_THEN_the_learners_set_installed_with_the_lock(tmp_path: Path) -> None:
    commands = _commands("lab", tmp_path / "venv")

    expected = (True, ["--quiet --constraint constraints.txt --upgrade pip",
                       "--quiet --constraint constraints.txt -e '.[kit]'"])
    actual = (any(command.endswith(f"-m venv {tmp_path / 'venv'}") for command in commands), _installs(commands))
    assert expected == actual


def test_WHEN_lab_set_up_and_test_run_THEN_only_the_rest_installed(tmp_path: Path) -> None:
    _lay_stamps(tmp_path / "venv", ".installed-kit", ".learner-lab")

    commands = _commands("test", tmp_path / "venv")

    expected = ["--quiet --constraint constraints.txt -e '.[dev]'"]
    actual = _installs(commands)
    assert expected == actual


def test_WHEN_test_set_up_and_lab_run_THEN_nothing_installed(tmp_path: Path) -> None:
    _lay_stamps(tmp_path / "venv", ".installed-kit", ".learner-lab", ".installed")

    commands = _commands("lab", tmp_path / "venv")

    expected = ([], True)
    actual = (_installs(commands), any(" lab " in command and "jupyter" in command for command in commands))
    assert expected == actual


def test_WHEN_lock_refreshed_after_test_THEN_test_installs_both_sets_again(tmp_path: Path) -> None:
    _lay_stamps(tmp_path / "venv", ".installed-kit", ".learner-lab", ".installed", before_the_lock=True)

    commands = _commands("test", tmp_path / "venv")

    expected = ["--quiet --constraint constraints.txt --upgrade pip",
                "--quiet --constraint constraints.txt -e '.[kit]'",
                "--quiet --constraint constraints.txt -e '.[dev]'"]
    actual = _installs(commands)
    assert expected == actual


def test_WHEN_lab_from_a_wheelhouse_THEN_pip_asks_no_registry(tmp_path: Path) -> None:
    commands = _commands("lab", tmp_path / "venv", "WHEELHOUSE=/media/usb/wheelhouse")

    offline = "--no-index --find-links /media/usb/wheelhouse"
    expected = [f"--quiet --constraint constraints.txt {offline} --upgrade pip",
                f"--quiet --constraint constraints.txt {offline} -e '.[kit]'"]
    actual = _installs(commands)
    assert expected == actual


def test_WHEN_wheelhouse_made_THEN_every_locked_wheel_downloaded_into_it(tmp_path: Path) -> None:
    commands = _commands("wheelhouse", tmp_path / "venv", "WHEELHOUSE=/media/usb/wheelhouse")

    expected = ["-m pip download --quiet --no-deps --only-binary=:all: --requirement constraints.txt "
                "--dest /media/usb/wheelhouse"]
    actual = [command.split(" ", 1)[1] for command in commands if " pip download " in command]
    assert expected == actual


def test_WHEN_lock_refreshed_THEN_uv_compiles_the_dev_extra_for_python_311_on_linux(tmp_path: Path) -> None:
    commands = _commands("lock", tmp_path / "venv")

    compiles = [command.split(" | ", 1)[1] for command in commands if "uv pip compile" in command]
    expected = 1
    actual = len([command for command in compiles
                  if all(option in command.split(" ") for option in ["pyproject.toml", "-", "--extra", "dev"])
                  and "--python-version 3.11 --python-platform linux" in command
                  and command.endswith("--output-file constraints.txt")])
    assert expected == actual, compiles
