"""Grading exercises: hidden pytest checks and style points, run in a fresh process on the learner's code.

The hidden checks never enter a notebook or a kernel: they are built into
`autograder/checks/<section>/test_<exercise>.py` and run in a grading process that loads the learner's code from
the notebook file (`worker.py`) under an audit policy (`policy.py`) and tamper checks (`integrity.py`);
`runner.py` starts it and trusts only its genuine answer.
The verdicts become the graded cells' outputs, where nbgrader reads the scores (`preprocessor.py`), and
`batch.py` grades a whole class in parallel (`stylekit grade`), writing grades.csv and feedback pages
(`report.py`).
"""
import sys

# jsonschema (under nbformat, under nbgrader) builds a parser for RFC 3987 IRIs when it is imported if the
# optional rfc3987_syntax package is installed (JupyterLab's dependencies install it): 1.6 s in every process
# that reads a notebook. Notebook schemas never use the IRI formats, so grading tells jsonschema the package
# is absent (a None entry makes its import raise ImportError, which jsonschema expects).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
