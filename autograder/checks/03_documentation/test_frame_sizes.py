# Built by `stylekit build` from sections/03_documentation/exercises/frame_sizes.md:
# edit that file, not this one.
"""Hidden checks of exercise frame_sizes (§3, docs.provenance-comments): the table holds the corrected chart, the
lookup respects each row's edges, and the comments name both sources on See: lines."""
import re

import pytest

from stylekit.grading import proxies
from stylekit.grading.checks import check

CHART = [
    ("city", 150, 160, "XS"), ("city", 160, 170, "S"), ("city", 170, 180, "M"), ("city", 180, 190, "L"),
    ("city", 190, 200, "XL"), ("trekking", 150, 158, "XS"), ("trekking", 158, 166, "S"),
    ("trekking", 166, 174, "M"), ("trekking", 174, 182, "L"), ("trekking", 182, 190, "XL"),
    ("trekking", 190, 198, "XXL"),
]
SOURCES = ["https://velomar.example/dealers/catalogue-2024.pdf", "https://velomar.example/dealers/corrections-2024"]
SEE_LINE = re.compile(r"#\s*See:\s*(\S+)")
ADDRESS = re.compile(r"See:\s*\S+|https?://\S+")  # an address says where, not how the table was made


@check(points=1, expect="Copy the chart into FRAME_SIZES as (bike, from_cm, to_cm, size) tuples in its order, with "
                        "the corrected trekking rows (M from 166 to 174, L from 174 to 182)",
       pattern="docs.provenance-comments")
def test_WHEN_table_read_THEN_the_corrected_chart(learner):
    expected = CHART

    actual = [tuple(row) for row in getattr(learner, "FRAME_SIZES", [])]

    assert expected == actual


@check(points=1, expect="Your frame_size should include each row's first height and exclude its second: "
                        "city 159.9 cm is XS and 160 cm is S; trekking 173.5 cm is M and 174 cm is L",
       pattern="docs.provenance-comments")
def test_WHEN_heights_at_row_edges_THEN_right_sizes(learner):
    expected = ["XS", "S", "M", "L", "XXL"]

    actual = [learner.frame_size("city", 159.9), learner.frame_size("city", 160),
              learner.frame_size("trekking", 173.5), learner.frame_size("trekking", 174),
              learner.frame_size("trekking", 197)]

    assert expected == actual


@check(points=1, expect="Your frame_size should raise NoFrameFits for a height outside the chart (149 cm, a city "
                        "bike at 200 cm) and for a kind of bike the chart does not list",
       pattern="docs.provenance-comments")
def test_WHEN_no_row_fits_THEN_no_frame_fits(learner):
    for bike, height_cm in [("city", 149), ("city", 200), ("cargo", 175)]:
        with pytest.raises(learner.NoFrameFits):
            learner.frame_size(bike, height_cm)


@check(points=1, expect="Name both sources in your comments, each on its own '# See: <address>' line (the catalogue "
                        "and the corrections page), and say in words how the table was made: copied from the "
                        "catalogue's chart, two rows corrected from the corrections page",
       pattern="docs.provenance-comments")
def test_WHEN_comments_read_THEN_both_sources_on_see_lines_and_how_it_was_made(exercise_source, judged):
    # An address may be written in angle brackets or end a sentence: "<https://...>", "https://... ."
    cited = [match.group(1).strip("<>()[].,;:'\"") for match in SEE_LINE.finditer(exercise_source)]
    # The words around the See: lines must say where the rows come from and how they were made, not retell the table.
    context = proxies.code_words(exercise_source)
    readings = proxies.read_comments(exercise_source)
    told = [reading for reading in readings
            if proxies.reasons_given(ADDRESS.sub("", reading.text), reading.code, context)]
    if not told:
        for reading in readings:
            judged.lines(reading.lines)
    expected = (SOURCES, True)

    actual = ([source for source in SOURCES if source in cited], bool(told))

    assert expected == actual
