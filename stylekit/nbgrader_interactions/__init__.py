"""The one seam between the kit and nbgrader: every call into nbgrader's API, gradebook and preprocessors is here.

- `course.py`: the kit's nbgrader configuration and API (releasing exercises, a course folder's settings);
- `gradebook.py`: what `stylekit grade` asks of nbgrader for a class: learners and assignments in the gradebook, and
  autograding one submission, which hands back the verdicts the grading processes gave (nothing is read back);
- `preprocessor.py`: `HiddenChecks`, the autograde step that grades each notebook in a contained grading process
  and writes its verdicts into the graded cells, where nbgrader's own steps score them.

Nothing else in the kit imports nbgrader, so an nbgrader upgrade is checked here and in tests/grading. It is nbgrader's
seam onto the kit's grader: it may import stylekit.grading (the runner, the model), never the other way round, and
the orchestration of a class's run (stylekit/class_grading) sits above both.
"""
