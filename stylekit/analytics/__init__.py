"""Class analytics: what a class's grading says (class_data.py) and the instructor's report drawn from it
(dashboard.py: `stylekit report CLASS_DIR`; notebook.py shows the same figures in JupyterLab)."""
