# Built by `stylekit build` from sections/04_error_handling/exercises/dock_sync.md:
# edit that file, not this one.
"""Hidden checks of exercise dock_sync (§4, errors.log-levels and errors.exception-naming): statuses of the docks
that answered, one record with its traceback per silent dock, the round's summary, the named exception when nobody
answers, and bugs let through. Records are captured with pytest's caplog. str() inside f-strings and generic raises
or swallowed errors are the style points' business (SK0405, SK0402)."""
import logging

import pytest

from stylekit.grading.checks import check

STATUSES = {"Harbour": {"bikes": 7, "free": 5}, "Old Mill": {"bikes": 2, "free": 10},
            "Station Square": {"bikes": 0, "free": 12}}


class DockTimedOut(TimeoutError):
    """What the checks' fake network raises for a dock that does not answer."""


class DockRefused(ConnectionRefusedError):
    """What the checks' fake network raises for a dock whose modem refuses the connection."""


class ParserBug(KeyError):
    """A bug in the status parser: not a silent dock."""


def _network(silent):
    """A fake fetch_status: docks named in `silent` raise the exception given for them."""
    def fetch_status(dock):
        if dock in silent:
            raise silent[dock](f"{dock}: no status")
        return dict(STATUSES[dock])

    return fetch_status


def _sync(learner, caplog, docks, silent):
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    statuses = learner.sync_docks(docks, _network(silent))
    return statuses, list(caplog.records)


ROUND = ["Harbour", "Cathedral", "Old Mill", "Riverside", "Station Square"]
SILENT = {"Cathedral": DockTimedOut, "Riverside": DockRefused}


@check(points=1, expect="Your sync_docks should return the status of every dock that answered, keyed by dock in the "
                        "order asked, and skip the docks whose fetch_status raised an OSError (a timeout, a refused "
                        "connection)", pattern="errors.exception-naming")
def test_WHEN_some_docks_silent_THEN_statuses_of_the_others_returned(learner, caplog):
    statuses, _ = _sync(learner, caplog, ROUND, SILENT)

    expected = [("Harbour", STATUSES["Harbour"]), ("Old Mill", STATUSES["Old Mill"]),
                ("Station Square", STATUSES["Station Square"])]
    actual = list(statuses.items())
    assert expected == actual


@check(points=1, expect="Log each silent dock exactly once, with logger.exception(...): one error record per silent "
                        "dock, naming the dock and carrying that dock's traceback, and no other error records",
       pattern="errors.log-levels")
def test_WHEN_docks_silent_THEN_one_record_with_traceback_each(learner, caplog):
    _, records = _sync(learner, caplog, ROUND, SILENT)

    failures = [record for record in records if record.levelno >= logging.ERROR]
    expected = [("Cathedral", "DockTimedOut"), ("Riverside", "DockRefused")]
    actual = [(dock, type(record.exc_info[1]).__name__ if record.exc_info else None)
              for record in failures for dock in ROUND if dock in record.getMessage()]
    assert expected == actual
    assert len(expected) == len(failures)


@check(points=1, expect="End a round with one info record saying how many docks answered, exactly like "
                        "'Synced 3 of 5 docks'", pattern="errors.log-levels")
def test_WHEN_round_done_THEN_one_info_summary(learner, caplog):
    _, records = _sync(learner, caplog, ROUND, SILENT)

    expected = ["Synced 3 of 5 docks"]
    actual = [record.getMessage() for record in records
              if record.levelno == logging.INFO and record.getMessage().startswith("Synced")]
    assert expected == actual


@check(points=1, expect="When no dock answers, your sync_docks should raise NoDockAnswered, an Exception whose "
                        "message says how many docks were asked (3)", pattern="errors.exception-naming")
def test_WHEN_no_dock_answers_THEN_no_dock_answered_raised(learner, caplog):
    docks = ["Harbour", "Cathedral", "Old Mill"]

    with pytest.raises(learner.NoDockAnswered) as raised:
        _sync(learner, caplog, docks, {dock: DockTimedOut for dock in docks})

    expected = (True, True)
    actual = (issubclass(learner.NoDockAnswered, Exception), "3" in str(raised.value))
    assert expected == actual


@check(points=1, expect="Catch only OSError: an exception of any other kind from fetch_status (a KeyError from a "
                        "bug in the status parser) should reach the caller of sync_docks, not be logged away as a "
                        "silent dock", pattern="errors.exception-naming")
def test_WHEN_fetch_status_has_a_bug_THEN_it_reaches_the_caller(learner, caplog):
    # The fake's ParserBug is raised in the learner's process as a KeyError of that name; it comes back as one.
    with pytest.raises(KeyError) as raised:
        _sync(learner, caplog, ["Harbour", "Old Mill"], {"Old Mill": ParserBug})

    expected = ("ParserBug", "Old Mill: no status")
    actual = (type(raised.value).__name__, raised.value.args[0] if raised.value.args else None)
    assert expected == actual
