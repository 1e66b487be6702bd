"""The curriculum: each section of the guide as one readable source (sections/NN_slug/), and what is built from it.

- `source.py` reads a section's Markdown source: its lesson, its exercises and their hidden checks and variants;
- `build.py` renders the lesson, nbgrader's source notebook, the hidden checks and the welcome notebook, and
  releases the exercises through nbgrader (`stylekit build`);
- `cells.py` is a deprecated re-export of the exercise-cell schema, which lives in stylekit/notebooks/schema.py.
"""
