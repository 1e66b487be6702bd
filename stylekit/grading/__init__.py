"""Grading exercises: hidden pytest checks and style points, run in a fresh process on the learner's code.

The hidden checks never enter a notebook: they live in `autograder/checks/<section>/test_<exercise>.py`
and run in a worker process that loads the learner's code from the notebook file (`worker.py`). The
verdict becomes the graded cell's output, where nbgrader reads the score (`preprocessor.py`).
"""
