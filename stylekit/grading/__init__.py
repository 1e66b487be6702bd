"""Grading exercises: hidden pytest checks and style points, decided by a judge the learner's code cannot reach.

The hidden checks never enter a notebook, a kernel or the learner's process: they are built into
`autograder/checks/<section>/test_<exercise>.py`, and `runner.py` sends them, with the notebook, in one request
(`model.py`) to a judge process (`judge.py`) that runs them with pytest. The judge loads each exercise's code in a
subject process of its own (`subject.py`), in a sandbox of its own (`containment.py`) under an audit policy
(`policy.py`), and the checks reach it through a narrow channel (`channel.py`, `remote.py`) that carries calls down
and plain data up; static facts are read from source (`source_facts.py`, `proxies.py`). Learner-written tests run
in a sandboxed run server (`learner_tests.py`, `mutation.py`). For `stylekit grade` it finds a class's submissions
(`discovery.py`), keeps results with their fingerprints (`store.py`) and writes grades.csv and feedback pages
(`report.py`); nbgrader's part is in `stylekit/nbgrader_interactions/`, and the orchestration of a class's run,
above both, in `stylekit/class_grading/`. This package imports neither of them.
"""
import sys

# jsonschema (under nbformat, under nbgrader) builds a parser for RFC 3987 IRIs when it is imported if the
# optional rfc3987_syntax package is installed (JupyterLab's dependencies install it): 1.6 s in every process
# that reads a notebook. Notebook schemas never use the IRI formats, so grading tells jsonschema the package
# is absent (a None entry makes its import raise ImportError, which jsonschema expects).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
