"""Grading a whole class: `stylekit grade` (`batch.py`), the orchestration above both grading and nbgrader.

It finds the submissions, skips what is already graded, hands each submission to nbgrader's autograde
(stylekit/nbgrader_interactions, nbgrader's seam onto the kit's grader) and writes grades.csv, the LMS files and the
feedback pages (stylekit/grading). The layers, top down: class_grading, then nbgrader_interactions, then grading,
then the notebook floor (stylekit/notebooks). A lower layer never imports a higher one (tests/test_imports.py).
"""
