"""Targeted cases for SK0404 utcnow (§4 Error Handling & Robustness),
beyond its documentation's examples."""
from typing import List

from tests.rules.checking import flagged_lines, flagged_messages


def test_WHEN_naive_utc_calls_used_THEN_utcnow_flags_them():
    source = """
        import datetime as dt
        from datetime import datetime as Clock


        def stamps(seconds: float) -> list:
            return [dt.datetime.utcnow(), Clock.utcfromtimestamp(seconds)]
        """

    expected = [7, 7]
    actual = flagged_lines("SK0404", source)

    assert expected == actual


def test_WHEN_formatter_stamps_current_time_THEN_utcnow_points_to_record_created():
    source = """
        import logging
        from datetime import datetime, timezone


        class UtcFormatter(logging.Formatter):
            def formatTime(self, record, datefmt=None):
                return datetime.now(timezone.utc).isoformat()
        """

    actual = flagged_messages("SK0404", source)

    assert 1 == len(actual)
    assert "record.created" in actual[0]


def test_WHEN_aware_times_used_THEN_utcnow_accepts_them():
    source = """
        import logging
        from datetime import datetime, timezone

        import arrow


        def now_utc() -> datetime:
            return datetime.now(timezone.utc)


        def arrow_now() -> object:
            return arrow.utcnow()


        class UtcFormatter(logging.Formatter):
            def formatTime(self, record, datefmt=None):
                return datetime.fromtimestamp(record.created, tz=timezone.utc).isoformat()
        """

    expected: List[int] = []
    actual = flagged_lines("SK0404", source)

    assert expected == actual
