"""What `stylekit grade` asks of nbgrader for a class: a course folder's configuration, learners and assignments in
the gradebook, and autograding one submission, which returns the verdicts HiddenChecks wrote into its graded cells.

nbgrader stores the scores in its gradebook and writes the autograded notebooks (for its formgrader and feedback);
the kit never reads them back: its grades come from the verdicts, which are what nbgrader scored.
"""
import logging
import time
import warnings
from contextlib import contextmanager
from typing import Any, Dict, Iterator, List, Optional

from sqlalchemy import Column, MetaData, String, Table, create_engine, delete, insert, select, text

from stylekit.errors import StylekitError
from stylekit.grading.model import GradeSettings, NotebookVerdict
from stylekit.grading.store import STATE_FOLDER
from stylekit.digests import digest as source_digest
from stylekit.nbgrader_interactions.course import load_config, nbgrader_api
from stylekit.nbgrader_interactions.preprocessor import VerdictSink

logger = logging.getLogger(__name__)

PREPARE_LOCK_KEY = 5107_0001  # PostgreSQL advisory-lock key of `stylekit grade`'s prepare step (any fixed number)
LOCKED_RETRIES = 3  # SQLite may refuse a write while another grader holds the lock; nbgrader does not retry


class AutogradeFailed(StylekitError):
    def __init__(self, learner: str, assignment: str, log: str) -> None:
        super().__init__(f"nbgrader could not autograde {learner}/{assignment}")
        self.log = log


class ClassGradebook:
    """nbgrader's API and gradebook for one `stylekit grade` run, configured from its settings alone."""

    def __init__(self, settings: GradeSettings) -> None:
        # nbgrader's SQLAlchemy use warns on every autograde about its own session handling: noise, not news.
        warnings.filterwarnings("ignore", module="nbgrader")
        self.settings = settings
        self.sink = VerdictSink()
        self.api = nbgrader_api(self._config())

    def _config(self) -> Any:
        settings = self.settings
        config = load_config(settings.out, db_url=settings.db_url, source_directory=str(settings.solutions),
                             submitted_directory=str(settings.submitted), autograded_directory="autograded",
                             release_directory=str(settings.out / STATE_FOLDER / "release"))
        (settings.out / STATE_FOLDER / "exchange").mkdir(parents=True, exist_ok=True)
        config.Exchange.root = str(settings.out / STATE_FOLDER / "exchange")
        config.HiddenChecks.timeout = settings.timeout
        config.HiddenChecks.memory_mb = settings.memory_mb
        config.HiddenChecks.containment = settings.containment.value
        config.HiddenChecks.checks_directory = str(settings.checks_root)
        config.HiddenChecks.verdict_sink = self.sink
        config.NbGraderAPI.log_level = logging.WARNING
        return config

    def prepare(self, assignments: List[str], learners: List[str]) -> None:
        """Put every learner, and each assignment with its graded cells (nbgrader's generate_assignment, once per
        version of its source), in the gradebook before any grading: two processes autograding one learner's two
        assignments at once would otherwise both insert the learner, and one would fail on the unique key.

        Shards of one class prepare one shared gradebook in turn (a PostgreSQL advisory lock): the first creates
        the schema and the assignments, the others find them, marked with their source's digest, and go on."""
        from nbgrader.api import Gradebook

        with _prepare_lock(self.settings.db_url):
            with Gradebook(self.settings.db_url) as gradebook:
                for learner in learners:
                    gradebook.update_or_create_student(learner)
                known = {assignment.name for assignment in gradebook.assignments}
            marks = SourceMarks(self.settings.db_url)
            for assignment in assignments:
                digest = source_digest([self.settings.solutions / assignment])
                if assignment in known and marks.get(assignment) == digest:
                    continue
                outcome = self.api.generate_assignment(assignment, force=True)
                if not outcome["success"]:
                    raise StylekitError(f"nbgrader could not prepare assignment {assignment}:\n{outcome.get('log')}")
                marks.put(assignment, digest)
            marks.close()

    def autograde(self, learner: str, assignment: str) -> Dict[str, NotebookVerdict]:
        """Autograde one submission; returns each notebook's verdicts (by notebook name, without .ipynb)."""
        self.sink.notebooks.clear()
        outcome: Dict[str, Any] = {}
        for _ in range(LOCKED_RETRIES):
            outcome = self.api.autograde(assignment, learner, force=True, create=True)
            log = f"{outcome.get('log', '')}{outcome.get('error', '')}"
            if outcome["success"] or "database is locked" not in log:
                break
            time.sleep(0.5)
        if not outcome["success"]:
            raise AutogradeFailed(learner, assignment, f"{outcome.get('log') or ''}\n{outcome.get('error') or ''}")
        return dict(self.sink.notebooks)


@contextmanager
def _prepare_lock(url: str) -> Iterator[None]:
    """Held while a run prepares a shared PostgreSQL gradebook; SQLite gradebooks belong to one run."""
    if not url.startswith("postgresql"):
        yield
        return
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": PREPARE_LOCK_KEY})
            try:
                yield
            finally:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": PREPARE_LOCK_KEY})
    finally:
        engine.dispose()


class SourceMarks:
    """The digest of the source each assignment was last prepared from, kept in the gradebook's own database (a
    table of the kit's beside nbgrader's), so every shard and every later run sees the same marks."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        self.table = Table("stylekit_source_marks", MetaData(), Column("assignment", String(128), primary_key=True),
                           Column("digest", String(64), nullable=False))
        self.table.metadata.create_all(self.engine)

    def get(self, assignment: str) -> Optional[str]:
        with self.engine.connect() as connection:
            row = connection.execute(select(self.table.c.digest).where(self.table.c.assignment == assignment)).first()
        return None if row is None else str(row[0])

    def put(self, assignment: str, digest: str) -> None:
        with self.engine.begin() as connection:
            connection.execute(delete(self.table).where(self.table.c.assignment == assignment))
            connection.execute(insert(self.table).values(assignment=assignment, digest=digest))

    def close(self) -> None:
        self.engine.dispose()

