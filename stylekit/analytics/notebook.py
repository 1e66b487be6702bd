"""The class report inside JupyterLab: the same figures as the HTML page, one tab each, for an instructor's
dashboard notebook (`from stylekit.analytics.notebook import show; show("graded")`)."""
from pathlib import Path
from typing import Any, Union

from stylekit.analytics.class_data import class_data
from stylekit.analytics.dashboard import figures

TAB_TITLES = ("Scores", "Findings", "Missed checks", "Persistent", "Progress")


def show(class_dir: Union[str, Path]) -> Any:
    """A tab per figure, drawn from the stored results in `class_dir` (a `stylekit grade` output folder)."""
    import ipywidgets
    from IPython.display import display

    panes = []
    for figure in figures(class_data(Path(class_dir))):
        pane = ipywidgets.Output()  # plotly's own renderer draws the figure inside: no extra widget library needed
        with pane:
            display(figure)
        panes.append(pane)
    tabs = ipywidgets.Tab(children=panes)
    for index, title in enumerate(TAB_TITLES):
        tabs.set_title(index, title)
    return tabs
