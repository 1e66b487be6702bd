"""`stylekit course hub`: the files a hub is started from, and clear refusals for a folder that is no course or for
user names nbgrader cannot file submissions under. The hub itself runs in test_classroom_end_to_end.py."""
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import List

import pytest
from traitlets.config.loader import PyFileConfigLoader

from stylekit.jupyterhub_interactions.hub_config import HubSettings, InvalidHubUsers, write_hub

BIN = Path(sys.executable).parent
PROXY = Path("/usr/bin/true")  # these tests never start the proxy; the end-to-end test runs the real one


def _course(folder: Path) -> Path:
    folder.mkdir()
    (folder / "nbgrader_config.py").write_text('c = get_config()\nc.CourseDirectory.course_id = "week3"\n'
                                               f'c.Exchange.root = "{folder / "exchange"}"\n')
    return folder


def test_WHEN_hub_written_THEN_learners_get_their_hub_identity_and_no_instructor_tools(tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    files = write_hub(HubSettings(course=course, learners=("ada", "bo"), instructors=("ines",), proxy=PROXY))

    os.environ["JUPYTERHUB_USER"] = "ada"
    try:
        learner = PyFileConfigLoader("nbgrader_config.py", path=str(files.learner_config)).load_config()
    finally:
        del os.environ["JUPYTERHUB_USER"]
    page = json.loads((files.learner_config / "labconfig" / "page_config.json").read_text())
    instructor_page = json.loads((files.instructor_config / "labconfig" / "page_config.json").read_text())
    server = json.loads((files.learner_config / "jupyter_server_config.json").read_text())
    expected = ("ada", "week3", str(course / "exchange"), True, False, False, True, False)
    actual = (learner.CourseDirectory.student_id, learner.CourseDirectory.course_id, learner.Exchange.root,
              page["disabledExtensions"]["@jupyter/nbgrader:formgrader"],
              page["disabledExtensions"]["@jupyter/nbgrader"],
              instructor_page["disabledExtensions"]["@jupyter/nbgrader:formgrader"],
              server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.assignment_list"],
              server["ServerApp"]["jpserver_extensions"]["nbgrader.server_extensions.formgrader"])
    assert expected == actual


def test_WHEN_hub_config_loaded_THEN_it_names_the_class_and_needs_the_password(tmp_path: Path) -> None:
    course = _course(tmp_path / "course")
    files = write_hub(HubSettings(course=course, learners=("ada", "bo"), instructors=("ines",), port=9123,
                                  proxy=PROXY))

    os.environ["STYLEKIT_HUB_PASSWORD"] = "a-long-password"
    try:
        config = PyFileConfigLoader(files.config.name, path=str(files.config.parent)).load_config()
    finally:
        del os.environ["STYLEKIT_HUB_PASSWORD"]
    with pytest.raises(SystemExit) as refused:
        PyFileConfigLoader(files.config.name, path=str(files.config.parent)).load_config()
    expected = ({"ada", "bo", "ines"}, 9123, [str(PROXY)], True)
    actual = (config.Authenticator.allowed_users, config.JupyterHub.port, config.ConfigurableHTTPProxy.command,
              "Set STYLEKIT_HUB_PASSWORD" in str(refused.value))
    assert expected == actual


@pytest.mark.parametrize("learners, instructors, problem", [
    ((), ("ines",), "name at least one learner"),
    (("ada", "ines"), ("ines",), "ines named twice"),
    (("ada+1",), (), "'ada+1'"),
])
def test_WHEN_users_unfit_THEN_refused_with_the_reason(tmp_path: Path, learners: tuple, instructors: tuple,
                                                       problem: str) -> None:
    course = _course(tmp_path / "course")

    with pytest.raises(InvalidHubUsers) as raised:
        write_hub(HubSettings(course=course, learners=learners, instructors=instructors, proxy=PROXY))

    expected = (True, False)
    actual = (problem in str(raised.value), (course / "hub").exists())
    assert expected == actual


def _stylekit(arguments: List[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "stylekit"), *arguments], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_WHEN_folder_is_no_course_THEN_cli_says_so_and_exits_2(tmp_path: Path) -> None:
    completed = _stylekit(["course", "hub", str(tmp_path), "--learners", "ada"], tmp_path)

    expected = (2, True)
    actual = (completed.returncode, "is not a course made by `stylekit course init`" in completed.stderr)
    assert expected == actual


def test_WHEN_proxy_is_nowhere_THEN_error_says_make_hub_installs_it(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from stylekit.jupyterhub_interactions import hub_config

    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(hub_config, "KIT_PROXY", tmp_path / "missing" / "configurable-http-proxy")
    course = _course(tmp_path / "course")

    with pytest.raises(hub_config.ProxyNotFound) as raised:
        write_hub(HubSettings(course=course, learners=("ada",)))

    expected = (True, False)
    actual = ("`make hub` installs it" in str(raised.value), (course / "hub" / "jupyterhub_config.py").exists())
    assert expected == actual
