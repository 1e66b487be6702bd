"""The release desk's shared facts: one night's CI job results, and the manifest that describes a release."""
from dataclasses import dataclass
from datetime import date
from typing import List


@dataclass
class JobResult:
    """One job of a CI pipeline run: its name, the stage it belongs to, whether it passed and how long it took."""

    name: str
    stage: str
    passed: bool
    seconds: float


@dataclass
class Manifest:
    """What one release ships: the service, its new version, the day it goes out, who signed it off, and the
    version to go back to if it goes wrong."""

    service: str
    version: str
    ships_on: date
    approver: str
    rollback_to: str


# Last night's run of the checkout service's pipeline, in the order the jobs finished.
NIGHTLY_RUN = [
    JobResult(name="lint", stage="check", passed=True, seconds=48.0),
    JobResult(name="unit", stage="test", passed=True, seconds=312.0),
    JobResult(name="e2e-firefox", stage="test", passed=False, seconds=905.0),
    JobResult(name="e2e-safari", stage="test", passed=False, seconds=1210.0),
    JobResult(name="image", stage="build", passed=True, seconds=436.0),
]


def stages(results: List[JobResult]) -> List[str]:
    """The stages of a run, each once, in the order they first appear."""
    return list(dict.fromkeys(result.stage for result in results))
