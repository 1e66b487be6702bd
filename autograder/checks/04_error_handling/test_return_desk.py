# Built by `stylekit build` from sections/04_error_handling/exercises/return_desk.md:
# edit that file, not this one.
"""Hidden checks of exercise return_desk (§4, errors.module-logger and errors.log-levels): the records return_bike
writes, captured with pytest's caplog: their logger's name, their levels, one record per failure and the traceback of
an unforeseen one. Fetching the logger inside the function and str() inside f-strings are the style points' business
(SK0403, SK0405)."""
import logging

from stylekit.grading.checks import check

FAILURE = logging.ERROR  # the level at which the operators' alert fires


def _pays(bike_id):
    return 3.5


def _return(learner, subject, caplog, charge_card):
    """Return bike B-12 to Harbour with the given card service; the result, the docks and the records written.
    The docks are kept in the learner's process, where return_bike changes them, and read back as data."""
    docks = subject.keep({"Harbour": ["E-07"], "Old Mill": []})
    caplog.set_level(logging.DEBUG)
    caplog.clear()
    result = learner.return_bike(docks, "Harbour", "B-12", charge_card)
    return result, subject.data(docks), list(caplog.records)


def _declines(learner):
    def charge_card(bike_id):
        raise learner.PaymentDeclined(bike_id, "card expired")

    return charge_card


class CardServiceDown(ConnectionError):
    """Raised by the checks' broken card service; its traceback is what the desk's record must carry."""


def _breaks(bike_id):
    raise CardServiceDown("card service unreachable")


@check(points=1, expect="Log through a module-level logger = logging.getLogger(__name__): every record return_bike "
                        "writes (a paid, a declined and a failed charge) should carry your module's name, not 'root'",
       pattern="errors.module-logger")
def test_WHEN_bike_returned_THEN_records_carry_module_logger_name(learner, subject, caplog):
    names = set()
    for charge_card in (_pays, _declines(learner), _breaks):
        _, _, records = _return(learner, subject, caplog, charge_card)
        names.update(record.name for record in records)

    expected = {learner.__name__}
    assert expected == names


@check(points=1, expect="Your return_bike should put the bike back in the dock, log one info record naming the bike "
                        "and the dock, write nothing at warning level or above, and return True when the card pays",
       pattern="errors.log-levels")
def test_WHEN_card_pays_THEN_one_info_record_and_true(learner, subject, caplog):
    result, docks, records = _return(learner, subject, caplog, _pays)

    infos = [record for record in records if record.levelno == logging.INFO]
    expected = (True, ["E-07", "B-12"], 1, True, [])
    actual = (result, docks["Harbour"], len(infos),
              all(text in infos[0].getMessage() for text in ("B-12", "Harbour")) if infos else False,
              [record.levelname for record in records if record.levelno >= logging.WARNING])
    assert expected == actual


@check(points=1, expect="When the card is declined (PaymentDeclined), your return_bike should keep the bike in the "
                        "dock, log exactly one error record naming the bike, and return False",
       pattern="errors.log-levels")
def test_WHEN_card_declined_THEN_one_error_record_and_false(learner, subject, caplog):
    result, docks, records = _return(learner, subject, caplog, _declines(learner))

    failures = [record for record in records if record.levelno >= FAILURE]
    expected = (False, ["E-07", "B-12"], 1, True)
    actual = (result, docks["Harbour"], len(failures), bool(failures) and "B-12" in failures[0].getMessage())
    assert expected == actual


@check(points=1, expect="When the card service fails unexpectedly (any other exception), your return_bike should "
                        "keep the bike, log the failure exactly once, with logger.exception so that the record "
                        "carries its traceback, and return False", pattern="errors.log-levels")
def test_WHEN_card_service_breaks_THEN_one_record_with_traceback_and_false(learner, subject, caplog):
    result, docks, records = _return(learner, subject, caplog, _breaks)

    failures = [record for record in records if record.levelno >= FAILURE]
    carried = [type(record.exc_info[1]).__name__ if record.exc_info else None for record in failures]
    expected = (False, ["E-07", "B-12"], ["CardServiceDown"])
    actual = (result, docks["Harbour"], carried)
    assert expected == actual
