"""The hiring assessment: an exam built from the kit's exercises (`exam.py`), the bundles candidates return
(`returns.py`), their contained grading and integrity evidence (`grading.py`, `integrity.py`, `similarity.py`), and
a report per candidate in HTML and PDF (`report.py`, `pdf.py`)."""
