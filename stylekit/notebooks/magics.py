"""IPython's own syntax in a cell (`%magic`, `!shell`, `name?`, `%%cell magics`), made into plain Python of the same
line count, so a cell can be parsed, checked and run where there is no IPython: the style checker reads it, the
judge reads the answer's source, and a subject runs it (where importing the checker would cost every subject
process a quarter of a second).
"""
import re

__all__ = ["mask_ipython"]

LINE_MAGIC = re.compile(r"^(?P<indent>\s*)(?P<magic>[%!]|\?\??\w)")
ASSIGNED_MAGIC = re.compile(r"^(?P<head>\s*[\w.\[\], ]+?\s*=\s*)[%!]")
HELP_QUERY = re.compile(r"^(?P<indent>\s*)[\w.]+\?\??\s*$")
# Cell magics whose body is ordinary Python: only their first line is IPython syntax.
PYTHON_CELL_MAGICS = {"ipytest", "time", "timeit", "capture", "prun", "debug"}


def mask_ipython(cell_source: str) -> str:
    """Replace IPython-only lines with harmless Python of the same line count.

    A cell magic with a foreign body (%%bash, %%html...) becomes blank lines; one whose body is Python
    (%%ipytest, %%time...) loses only its first line, so its code is still checked.
    """
    lines = cell_source.split("\n")
    if lines and lines[0].lstrip().startswith("%%"):
        magic = lines[0].lstrip()[2:].split(" ", 1)[0]
        if magic not in PYTHON_CELL_MAGICS:
            return "\n".join("" for _ in lines)
        lines[0] = ""
    masked = []
    for line in lines:
        assigned = ASSIGNED_MAGIC.match(line)
        if assigned is not None:
            masked.append(f"{assigned.group('head')}None")
        elif LINE_MAGIC.match(line) or HELP_QUERY.match(line):
            indent = re.match(r"\s*", line)
            masked.append(f"{indent.group(0) if indent else ''}pass")
        else:
            masked.append(line)
    return "\n".join(masked)
