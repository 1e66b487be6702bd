"""nbgrader configuration of the kit as a course. The kit's commands load it; nbgrader users can too:
`nbgrader <command> --config autograder/nbgrader_config.py` from the repository's root.

The gradebook is SQLite by default; any SQLAlchemy URL works, e.g. for PostgreSQL:
    STYLEKIT_GRADEBOOK_URL=postgresql://user@host/course
"""
import os

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import AssignLatePenalties, CheckCellMetadata, IgnorePattern, LimitOutput, SaveAutoGrades

from stylekit.nbgrader_interactions.preprocessor import HiddenChecks

c = get_config()  # noqa: F821 - traitlets injects get_config into configuration files  # stylekit: ignore[SK0303]

c.CourseDirectory.course_id = "stylekit"
# Each section is one nbgrader assignment: solutions/<section>/ is its source, exercises/<section>/ its release.
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.db_url = os.environ.get("STYLEKIT_GRADEBOOK_URL", "sqlite:///gradebook.db")

# No Execute: the learner's notebook is never run in a kernel to grade it. HiddenChecks loads the learner's code
# from the notebook into a fresh, restricted grading process with the hidden checks (stylekit/grading/worker.py);
# the verdicts become the graded cells' outputs, which SaveAutoGrades then reads. So nothing the notebook does
# in a kernel (AST transformers, custom exception handlers, patched test runners, printed scores) counts, and
# an endless loop costs the notebook's timeout once instead of nbgrader's 30 s per cell.
c.Autograde.autograde_preprocessors = [HiddenChecks, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                       SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
# A deleted graded cell is restored from the gradebook and graded, instead of silently left ungraded.
c.OverwriteCells.add_missing_cells = True
# Releases keep cell ids stable, so regenerated exercises/ do not churn.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
