# Built by `stylekit build` from sections/04_error_handling/exercises/utc_formatter.md:
# edit that file, not this one.
"""Hidden checks of exercise utc_formatter (§4, errors.utc-formatter): the formatter is run on records made at known
moments, with the clock of the learner's process moved to other time zones (POSIX zone strings, which need no zone
database), and its output compared with the UTC time computed here. Deprecated utcnow()/utcfromtimestamp() calls are
the style point's business (SK0404)."""
import logging
import re
from datetime import datetime, timezone

import pytest

from stylekit.grading.checks import check

EVENT = datetime(2024, 3, 9, 23, 45, 12, 250000, tzinfo=timezone.utc)  # a Saturday night in UTC, Sunday in the east
LONG_AGO = datetime(2019, 7, 1, 6, 30, 0, 500000, tzinfo=timezone.utc)  # years before any check runs
ZONES = ("UTC0", "IST-5:30", "<-03>3")  # UTC; five and a half hours east; three hours west
LAYOUT = re.compile(r"^(?P<stamp>.+) WARNING bikeshare\.returns: Bike B-12 came back with a flat tyre\u2063$")
MESSAGE = "Bike B-12 came back with a flat tyre"
TRACEBACK_MESSAGE = "flat tyre reported by the dock"
# Scaffolding run in the learner's process: a LogRecord must live where the formatter runs (format() writes to it),
# and a record's traceback must be one raised there. Every value comes from the check.
RECORD_MAKER = """
import logging as _logging
import sys as _sys


def make_record(name, level, message, created, msecs, error_message=None):
    exc_info = None
    if error_message is not None:
        try:
            raise ValueError(error_message)
        except ValueError:
            exc_info = _sys.exc_info()
    record = _logging.LogRecord(name, level, "desk.py", 1, message, None, exc_info)
    record.created = created
    record.msecs = msecs
    return record
"""


@pytest.fixture
def clock_zone(subject):
    """Moves the local time zone of the learner's process for one check (the check may; learner code may not), and
    back."""
    environ, clock = subject.module("os").environ, subject.module("time")
    saved = environ.get("TZ")

    def set_zone(zone):
        environ.update({"TZ": zone})
        clock.tzset()

    yield set_zone
    if saved is None:
        environ.pop("TZ", None)
    else:
        environ.update({"TZ": saved})
    clock.tzset()


@pytest.fixture
def make_record(subject):
    """make_record(moment, with_traceback=False): a warning of the return desk created at `moment`, made in the
    learner's process."""
    maker = subject.define(RECORD_MAKER).make_record

    def make(moment, with_traceback=False):
        return maker("bikeshare.returns", logging.WARNING, MESSAGE, moment.timestamp(), moment.microsecond / 1000,
                     TRACEBACK_MESSAGE if with_traceback else None)

    return make


@check(points=1, expect="Your formatTime should give the record's time in UTC even where the machine's clock runs "
                        "on another time zone (5:30 east of UTC, 3 hours west): use "
                        "datetime.fromtimestamp(record.created, tz=timezone.utc)", pattern="errors.utc-formatter")
def test_WHEN_clock_in_other_zones_THEN_format_time_still_utc(learner, clock_zone, make_record):
    expected = {zone: "2024-03-09 23:45:12.250000" for zone in ZONES}

    actual = {}
    for zone in ZONES:
        clock_zone(zone)
        actual[zone] = learner.UtcFormatter().formatTime(make_record(EVENT))

    assert expected == actual


@check(points=1, expect="Your formatTime should stamp the moment the record was created (record.created), not the "
                        "moment it is formatted: a record made in July 2019 reads 2019-07-01 06:30:00.500000",
       pattern="errors.utc-formatter")
def test_WHEN_old_record_formatted_THEN_its_own_moment_stamped(learner, clock_zone, make_record):
    clock_zone("UTC0")

    expected = "2019-07-01 06:30:00.500000"
    actual = learner.UtcFormatter().formatTime(make_record(LONG_AGO))
    assert expected == actual


@check(points=1, expect="Your formatTime should use datefmt when one is given: with '%d.%m.%Y %H:%M' the record of "
                        "9 March 2024, 23:45 UTC reads 09.03.2024 23:45", pattern="errors.utc-formatter")
def test_WHEN_datefmt_given_THEN_used(learner, clock_zone, make_record):
    clock_zone("UTC0")

    expected = ("09.03.2024 23:45", "23:45:12")
    actual = (learner.UtcFormatter().formatTime(make_record(EVENT), "%d.%m.%Y %H:%M"),
              learner.UtcFormatter("%(asctime)s", datefmt="%H:%M:%S").format(make_record(EVENT)).rstrip("\u2063"))
    assert expected == actual


@check(points=1, expect="Your get_collector_formatter() should lay a record out as '<UTC time> WARNING "
                        "bikeshare.returns: <message>' and end it with RECORD_SEPARATOR, U+2063",
       pattern="errors.utc-formatter")
def test_WHEN_plain_record_formatted_THEN_layout_and_separator(learner, make_record):
    text = learner.get_collector_formatter().format(make_record(EVENT))

    expected = (True, "\u2063")
    actual = (LAYOUT.match(text) is not None, getattr(learner, "RECORD_SEPARATOR", None))
    assert expected == actual


@check(points=1, expect="A record logged with a traceback should end with the separator too, after the traceback "
                        "and nowhere else: append RECORD_SEPARATOR to what format() returns rather than putting it "
                        "in the format string", pattern="errors.utc-formatter")
def test_WHEN_record_with_traceback_formatted_THEN_separator_after_traceback(learner, make_record):
    record = make_record(EVENT, with_traceback=True)

    text = learner.get_collector_formatter().format(record)

    expected = (True, 1, True)
    actual = (text.endswith("\u2063"), text.count("\u2063"), f"ValueError: {TRACEBACK_MESSAGE}" in text)
    assert expected == actual
