"""Tamper evidence inside a grading process, for what the audit hook (policy.py) cannot refuse.

Replacing a function of pytest, of the kit or of the standard library is plain attribute assignment, which
raises no audit event. So the grader takes a fingerprint of every loaded module, and of every class defined in
one, before the learner's code runs, and compares it after the code has loaded and again after the checks:
any name that now points elsewhere means the submission changed the grader, and no verdict of that process
is trusted.

Canaries cover the rest: checks that must fail, run between the real ones. A grader patched to report passes
(in a way the fingerprint missed, or undone before it was taken) reports a canary as passed too.
"""
import secrets
import sys
from dataclasses import dataclass, field
from typing import Any, Dict, FrozenSet, List, Tuple

# Names that Python and pytest legitimately rebind while tests run; a change there proves nothing.
# ("module" or "module:Class", name)
REBOUND_AT_RUNTIME: FrozenSet[Tuple[str, str]] = frozenset({
    ("sys", "stdout"), ("sys", "stderr"), ("sys", "stdin"), ("sys", "last_type"), ("sys", "last_value"),
    ("sys", "last_traceback"), ("sys", "displayhook"), ("sys", "excepthook"), ("sys", "unraisablehook"),
    ("builtins", "_"), ("tempfile", "tempdir"), ("warnings", "filters"), ("warnings", "showwarning"),
    ("warnings", "_showwarnmsg_impl"), ("tempfile", "_name_sequence"), ("weakref:finalize", "_dirty"),
    ("weakref:finalize", "_registered_with_atexit"), ("_pytest.assertion.util", "_reprcompare"),
    ("_pytest.assertion.util", "_assertion_pass"), ("_pytest.assertion.util", "_config"),
})

# A name new in a module is no evidence (packages load submodules and lazy attributes as they are used); a
# name new in one of the grader's own classes is: it could shadow what the class inherits.
GRADER_PACKAGES: Tuple[str, ...] = ("pytest", "_pytest", "pluggy", "stylekit")

Dictionaries = Dict[str, Dict[str, Any]]  # "module" or "module:Class" -> a shallow copy of its __dict__
_MISSING = object()  # stands for a name a namespace does not have, so None values still compare


def _namespaces() -> Dictionaries:
    found: Dictionaries = {}
    for name, module in list(sys.modules.items()):
        namespace = getattr(module, "__dict__", None)
        if not isinstance(namespace, dict):
            continue
        found[name] = dict(namespace)
        for attribute, value in list(namespace.items()):
            if isinstance(value, type) and getattr(value, "__module__", None) == name:
                found[f"{name}:{attribute}"] = dict(vars(value))
    return found


@dataclass
class Fingerprint:
    """What every module and class held when taken; `changes()` names what points elsewhere now."""

    namespaces: Dictionaries = field(default_factory=_namespaces)

    def changes(self) -> List[str]:
        now = _namespaces()
        changed = []
        for key, before in self.namespaces.items():
            after = now.get(key)
            if after is None:
                continue  # a module dropped from sys.modules still holds what the grader imported from it
            module, _, cls = key.partition(":")
            is_grader = module.split(".")[0] in GRADER_PACKAGES
            for name in (before.keys() | after.keys()) if cls and is_grader else before.keys():
                old, new = before.get(name, _MISSING), after.get(name, _MISSING)
                # The standard library sets some globals on first use (pkgutil._NAME_PATTERN = re.compile...).
                is_lazy_start = old is None and not is_grader
                is_expected = is_lazy_start or (key, name) in REBOUND_AT_RUNTIME or name.startswith("__")
                if old is not new and not is_expected:
                    changed.append(f"{key.replace(':', '.')}.{name}")
        return sorted(changed)



@dataclass
class Canary:
    """A check that must fail: it compares two different random numbers."""

    name: str = field(default_factory=lambda: f"test_WHEN_{secrets.token_hex(4)}_THEN_{secrets.token_hex(4)}")
    left: int = field(default_factory=lambda: secrets.randbelow(10 ** 9))

    def __call__(self) -> None:
        expected = self.left
        actual = self.left + 1
        assert expected == actual
