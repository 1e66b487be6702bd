"""nbgrader configuration of the kit as a course. The kit's commands load it; nbgrader users can too:
`nbgrader <command> --config autograder/nbgrader_config.py` from the repository's root.

The gradebook is SQLite by default; any SQLAlchemy URL works, e.g. for PostgreSQL:
    STYLEKIT_GRADEBOOK_URL=postgresql://user@host/course
"""
import os

from nbconvert.preprocessors import ClearMetadataPreprocessor
from nbgrader.preprocessors import (AssignLatePenalties, CheckCellMetadata, Execute, IgnorePattern, LimitOutput,
                                    SaveAutoGrades)

from stylekit.grading.preprocessor import HiddenChecks

c = get_config()  # noqa: F821 - traitlets injects get_config into configuration files  # stylekit: ignore[SK0303]

c.CourseDirectory.course_id = "stylekit"
# Each section is one nbgrader assignment: solutions/<section>/ is its source, exercises/<section>/ its release.
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.db_url = os.environ.get("STYLEKIT_GRADEBOOK_URL", "sqlite:///gradebook.db")

# The hidden checks run after Execute, outside the learner's kernel; their verdicts become the graded cells'
# outputs, which SaveAutoGrades then reads.
c.Autograde.autograde_preprocessors = [Execute, HiddenChecks, IgnorePattern, ClearMetadataPreprocessor, LimitOutput,
                                       SaveAutoGrades, AssignLatePenalties, CheckCellMetadata]
# A deleted graded cell is restored from the gradebook and graded, instead of silently left ungraded.
c.OverwriteCells.add_missing_cells = True
# Releases keep cell ids stable, so regenerated exercises/ do not churn.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
