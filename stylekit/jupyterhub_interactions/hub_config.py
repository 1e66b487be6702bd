"""`stylekit course hub FOLDER`: a JupyterHub for one host that serves a `stylekit course init` course.

It writes FOLDER/hub/:
- `jupyterhub_config.py`: the hub on one host (configurable-http-proxy from npm, one single-user JupyterLab per hub
  user from the kit's own environment, the kit's server extension on each), learners and instructors by name;
- `learner/` and `instructor/`: the Jupyter configuration folder each single-user server is given
  (JUPYTER_CONFIG_PATH): nbgrader's exchange and course, the learner's nbgrader identity taken from the hub user
  (JUPYTERHUB_USER) rather than from the process's Unix user, and which of nbgrader's tools each role sees.

The hub the tests run spawns every server as the hub's own Unix user with a home folder of its own
(SimpleLocalProcessSpawner) and logs users in with one shared password: right for a workshop machine that the
instructor owns. Where learners must not read each other's files, the same configuration runs with real Unix users:
the instructors' guide (docs/instructors.md) gives the three lines that change.
"""
import json
import logging
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple, Type, TypeVar

from stylekit.errors import StylekitError
from stylekit.paths import REPO_ROOT

logger = logging.getLogger(__name__)

ROLE_NBGRADER_CONFIG = '''"""nbgrader in a hub user's JupyterLab, written by `stylekit course hub`."""
import os

c = get_config()  # noqa: F821 - traitlets injects get_config into configuration files  # stylekit: ignore[SK0303]
c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {exchange!r}
# nbgrader names a submission after the process's Unix user; on a hub the person is the hub user (all servers may
# share one Unix user, or each may run as "jovyan" in a container), so the identity comes from JupyterHub.
c.CourseDirectory.student_id = os.environ.get("JUPYTERHUB_USER") or "*"
'''

HUB_CONFIG = '''"""JupyterHub for the stylekit course at {course},
written by `stylekit course hub` (rerun it to change this).

Start it from the kit's environment, with the shared password in the environment (it is never written to disk):
    {password_variable}=... {python_bin}/jupyterhub \\
        -f {{this file}}
"""
import os

c = get_config()  # noqa: F821 - traitlets injects get_config into configuration files  # stylekit: ignore[SK0303]
here = os.path.dirname(os.path.abspath(__file__))

c.JupyterHub.ip = {ip!r}
c.JupyterHub.port = {port!r}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port!r}
c.JupyterHub.db_url = "sqlite:///" + os.path.join(here, "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = os.path.join(here, "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.pid_file = os.path.join(here, "jupyterhub-proxy.pid")

# Who may log in. One shared password for a workshop; with real Unix users, use PAM instead:
#   c.JupyterHub.authenticator_class = "pam"
LEARNERS = {learners!r}
INSTRUCTORS = {instructors!r}
c.JupyterHub.authenticator_class = "shared-password"
if not os.environ.get({password_variable!r}):
    raise SystemExit("Set {password_variable} to the password the class logs in with (at least 8 characters)")
c.SharedPasswordAuthenticator.user_password = os.environ[{password_variable!r}]
c.Authenticator.allowed_users = set(LEARNERS) | set(INSTRUCTORS)

# Every server as the hub's Unix user, each in a home folder of its own. With real Unix users (one per learner,
# so that nobody reads another's files), use the local process spawner and leave out the two home lines:
#   c.JupyterHub.spawner_class = "localprocess"
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = os.path.join({homes!r}, "{{username}}")
c.Spawner.cmd = [os.path.join({python_bin!r}, "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--allow-root"] if os.geteuid() == 0 else []
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 120


def configure_role(spawner):
    """Learners see nbgrader's assignment list; instructors its tools too, and start in the course folder."""
    is_instructor = spawner.user.name in INSTRUCTORS
    folder = {instructor_config!r} if is_instructor else {learner_config!r}
    spawner.environment["JUPYTER_CONFIG_PATH"] = folder
    spawner.environment["PATH"] = os.pathsep.join([{python_bin!r}, os.environ.get("PATH", "/usr/bin:/bin")])
    if is_instructor:
        spawner.notebook_dir = {course!r}


c.Spawner.pre_spawn_hook = configure_role
'''

HUB_FOLDER = "hub"
PROXY = "configurable-http-proxy"
# `make hub` installs the proxy here when it is not on PATH (npm's registry, the project's own folder).
KIT_PROXY = REPO_ROOT / ".hub" / "node_modules" / ".bin" / PROXY
PASSWORD_VARIABLE = "STYLEKIT_HUB_PASSWORD"
NBGRADER_TOOLS = ("formgrader", "create-assignment", "course-list", "validate-assignment")
NBGRADER_SERVER_TOOLS = ("formgrader", "course_list", "validate_assignment")
ANNOUNCEMENTS_PLUGIN = "@jupyterlab/apputils-extension:announcements"


class CourseNotFound(StylekitError):
    def __init__(self, folder: Path) -> None:
        super().__init__(f"{folder} is not a course made by `stylekit course init` (it has no nbgrader_config.py)")


class ProxyNotFound(StylekitError):
    def __init__(self) -> None:
        super().__init__(f"JupyterHub needs {PROXY} (npm's package of that name), and it is neither on PATH nor in "
                         f"{KIT_PROXY.parent.parent.parent}: `make hub` installs it there")


class InvalidHubUsers(StylekitError):
    def __init__(self, problem: str) -> None:
        super().__init__(f"Invalid hub users: {problem}")


SettingsT = TypeVar("SettingsT", bound="HubSettings")


@dataclass(frozen=True)
class HubSettings:
    """What the hub's configuration is written from; every port on 127.0.0.1 unless `ip` says otherwise."""

    course: Path
    learners: Tuple[str, ...]
    instructors: Tuple[str, ...] = ()
    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    homes: Optional[Path] = None  # default: FOLDER/hub/homes
    proxy: Optional[Path] = None  # default: found on PATH, else the kit's own
    python_bin: Path = field(default_factory=lambda: Path(sys.executable).parent)

    def to_dict(self) -> Dict[str, Any]:
        return {"course": str(self.course), "learners": list(self.learners), "instructors": list(self.instructors),
                "ip": self.ip, "port": self.port, "hub_port": self.hub_port, "proxy_api_port": self.proxy_api_port,
                "homes": str(self.homes) if self.homes else None, "proxy": str(self.proxy) if self.proxy else None,
                "python_bin": str(self.python_bin)}

    @classmethod
    def from_dict(cls: Type[SettingsT], data: Dict[str, Any]) -> SettingsT:
        return cls(course=Path(data["course"]), learners=tuple(data["learners"]),
                   instructors=tuple(data.get("instructors", ())), ip=data.get("ip", "127.0.0.1"),
                   port=int(data.get("port", 8000)), hub_port=int(data.get("hub_port", 8081)),
                   proxy_api_port=int(data.get("proxy_api_port", 8001)),
                   homes=Path(data["homes"]) if data.get("homes") else None,
                   proxy=Path(data["proxy"]) if data.get("proxy") else None,
                   python_bin=Path(data.get("python_bin") or Path(sys.executable).parent))


@dataclass(frozen=True)
class HubFiles:
    """What `write_hub` made."""

    config: Path
    learner_config: Path
    instructor_config: Path
    homes: Path
    exchange: Path


def find_proxy() -> Path:
    on_path = shutil.which(PROXY)
    if on_path:
        return Path(on_path)
    if KIT_PROXY.is_file():
        return KIT_PROXY
    raise ProxyNotFound()


def course_settings(course: Path) -> Tuple[str, Path]:
    """The course id and the exchange root that the course's own nbgrader_config.py sets."""
    from traitlets.config.loader import PyFileConfigLoader

    if not (course / "nbgrader_config.py").is_file():
        raise CourseNotFound(course)
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    exchange = config.Exchange.root if "root" in config.Exchange else "/srv/nbgrader/exchange"
    return str(config.CourseDirectory.course_id), Path(exchange)


def _check_users(settings: HubSettings) -> None:
    if not settings.learners:
        raise InvalidHubUsers("name at least one learner (--learners)")
    names = [*settings.learners, *settings.instructors]
    duplicated = sorted({name for name in names if names.count(name) > 1})
    if duplicated:
        raise InvalidHubUsers(f"{', '.join(duplicated)} named twice (a user is a learner or an instructor)")
    # nbgrader files a submission as `<student>+<assignment>+<time>`: a '+' or '*' in a name breaks that.
    unfit = sorted(name for name in names if not name or any(character in name for character in "+*/ "))
    if unfit:
        raise InvalidHubUsers(f"{', '.join(repr(name) for name in unfit)}: a hub user's name may not hold '+', '*', "
                              "'/' or spaces, since nbgrader files submissions under it")


def write_hub(settings: HubSettings) -> HubFiles:
    """Write the hub's configuration into the course's hub/ folder (made or refreshed)."""
    _check_users(settings)
    course = settings.course.resolve()
    course_id, exchange = course_settings(course)
    proxy = settings.proxy or find_proxy()
    hub = course / HUB_FOLDER
    files = HubFiles(config=hub / "jupyterhub_config.py", learner_config=hub / "learner",
                     instructor_config=hub / "instructor", homes=(settings.homes or hub / "homes").resolve(),
                     exchange=exchange)
    hub.mkdir(exist_ok=True)
    files.homes.mkdir(parents=True, exist_ok=True)
    _write_role(files.learner_config, course_id, exchange, learner=True)
    _write_role(files.instructor_config, course_id, exchange, learner=False)
    files.config.write_text(HUB_CONFIG.format(ip=settings.ip,
                                              port=settings.port, hub_port=settings.hub_port,
                                              proxy_api_port=settings.proxy_api_port, proxy=str(proxy),
                                              learners=sorted(settings.learners),
                                              instructors=sorted(settings.instructors), course=str(course),
                                              homes=str(files.homes), learner_config=str(files.learner_config),
                                              instructor_config=str(files.instructor_config),
                                              python_bin=str(settings.python_bin),
                                              password_variable=PASSWORD_VARIABLE))
    logger.info("hub configuration for %s written to %s", course_id, files.config)
    return files


def _write_role(folder: Path, course_id: str, exchange: Path, learner: bool) -> None:
    """One role's Jupyter configuration folder: nbgrader's course and exchange, and the tools the role sees."""
    (folder / "labconfig").mkdir(parents=True, exist_ok=True)
    (folder / "nbgrader_config.py").write_text(ROLE_NBGRADER_CONFIG.format(course_id=course_id,
                                                                          exchange=str(exchange)))
    # This folder comes first on JUPYTER_CONFIG_PATH, so its settings win over the self-paced venv's, which hide
    # nbgrader altogether (the Makefile's learner-lab): a learner gets the assignment list back, and no more.
    disabled: Dict[str, bool] = {"@jupyter/nbgrader": False, ANNOUNCEMENTS_PLUGIN: True}
    disabled.update({f"@jupyter/nbgrader:{tool}": learner for tool in NBGRADER_TOOLS})
    page_config = {"disabledExtensions": disabled, "lockedExtensions": {"@jupyter/nbgrader": False}}
    (folder / "labconfig" / "page_config.json").write_text(f"{json.dumps(page_config, indent=2)}\n")
    extensions = {"stylekit.server_extension": True, "nbgrader.server_extensions.assignment_list": True}
    extensions.update({f"nbgrader.server_extensions.{tool}": not learner for tool in NBGRADER_SERVER_TOOLS})
    server_config = {"ServerApp": {"jpserver_extensions": extensions}}
    (folder / "jupyter_server_config.json").write_text(f"{json.dumps(server_config, indent=2)}\n")


def role_summary(files: HubFiles) -> List[str]:
    return [f"hub configuration: {files.config}", f"learners' Jupyter configuration: {files.learner_config}",
            f"instructors' Jupyter configuration: {files.instructor_config}", f"home folders: {files.homes}",
            f"nbgrader exchange: {files.exchange}"]
