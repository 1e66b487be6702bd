"""The grading policy, one operation at a time. The audit hook cannot be removed once
installed, so each case runs in a fresh interpreter: learner code is compiled under the `<learner ...>` name."""
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest


HARNESS = textwrap.dedent('''
    import json, sys
    from pathlib import Path
    from stylekit.grading import policy
    work, learner_code = Path(sys.argv[1]), sys.argv[2]
    policy.install(learner_folders=[work], write_roots=[work])
    namespace = {"WORK": str(work), "OUTSIDE": sys.argv[3]}
    try:
        exec(compile(learner_code, "<learner cell 0>", "exec"), namespace)
        print(json.dumps({"outcome": "allowed", "result": repr(namespace.get("result"))}))
    except PermissionError as error:
        print(json.dumps({"outcome": "refused", "result": str(error)}))
''')


def _as_learner(code: str, tmp_path: Path) -> str:
    work, outside = tmp_path / "work", tmp_path / "outside"
    work.mkdir(exist_ok=True)
    outside.mkdir(exist_ok=True)
    (outside / "test_hidden.py").write_text("EXPECTED = 42\n")
    (work / "given.py").write_text("GIVEN = 1\n")
    completed = subprocess.run([sys.executable, "-I", "-c", HARNESS, str(work), textwrap.dedent(code), str(outside)],
                               capture_output=True, text=True, timeout=60, cwd=work)
    assert 0 == completed.returncode, completed.stderr
    return json.loads(completed.stdout.splitlines()[-1])["outcome"]


@pytest.mark.parametrize("code", [
    "result = open(WORK + '/given.py').read()",
    "open(WORK + '/notes.txt', 'w').write('x')\nresult = open(WORK + '/notes.txt').read()",
    "import os\npath = f'/tmp/stylekit-policy-test-{os.getpid()}.txt'\nopen(path, 'w').write('x')\n"
    "result = open(path).read()\nos.remove(path)",
    "from dataclasses import dataclass\nfrom typing import NamedTuple, get_type_hints\n\n@dataclass\nclass Point:\n"
    "    x: 'int'\n\nclass Pair(NamedTuple):\n    a: int\n\nresult = (Point(1), Pair(2), get_type_hints(Point))",
    "import statistics\nresult = statistics.mean([1, 2])",
    "import unittest\n\nclass Case(unittest.TestCase):\n    def test_raises(self):\n"
    "        with self.assertRaises(ValueError):\n            int('x')\n\n"
    "result = unittest.TextTestRunner(stream=open('/dev/null', 'w')).run(Case('test_raises')).wasSuccessful()",
])
def test_WHEN_learner_does_ordinary_things_THEN_allowed(code: str, tmp_path: Path) -> None:
    assert "allowed" == _as_learner(code, tmp_path)


@pytest.mark.parametrize("code", [
    "result = open(OUTSIDE + '/test_hidden.py').read()",
    "import os\nresult = os.listdir(OUTSIDE)",
    "open(OUTSIDE + '/test_hidden.py', 'w').write('EXPECTED = 0')",
    "import subprocess\nsubprocess.run(['true'])",
    "import os\nos.system('true')",
    "import sys\nresult = sys._getframe(0).f_back",
    "import inspect\nresult = inspect.stack()",
    "import traceback\nresult = list(traceback.walk_stack(None))",
    "try:\n    1 / 0\nexcept ZeroDivisionError as error:\n    result = error.__traceback__.tb_frame",
    "import gc\nresult = gc.get_objects()",
    "exec('result = 1')",
    "import sqlite3\nsqlite3.connect(':memory:')",
    "import ctypes\nresult = ctypes.CDLL(None)",
    "import resource\nresource.setrlimit(resource.RLIMIT_AS, (-1, -1))",
    "import os, signal\nos.kill(os.getpid(), signal.SIGCONT)",
    "import socket\nsocket.create_connection(('127.0.0.1', 9))",
    "import _posixsubprocess\nresult = _posixsubprocess.fork_exec",
    "import multiprocessing\nmultiprocessing.get_context('spawn').Process(target=print).start()",
])
def test_WHEN_learner_reaches_beyond_its_folder_THEN_refused(code: str, tmp_path: Path) -> None:
    assert "refused" == _as_learner(code, tmp_path)
