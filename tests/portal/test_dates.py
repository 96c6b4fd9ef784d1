import datetime

import pytest

from portal.dates import add_months, month_bounds, months_between, next_month, previous_month


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (datetime.date(2026, 1, 31), 1, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 1, 31), 1, datetime.date(2028, 2, 29)),
        (datetime.date(2026, 12, 15), 1, datetime.date(2027, 1, 15)),
        (datetime.date(2026, 1, 15), -1, datetime.date(2025, 12, 15)),
        (datetime.date(2026, 3, 31), 12, datetime.date(2027, 3, 31)),
    ],
    ids=["short-february", "leap-year", "over-new-year", "back-over-new-year", "a-year"],
)
def test_add_months_keeps_the_day_or_the_months_last(day, months, expected):
    assert add_months(day, months) == expected


def test_next_and_previous_month_are_first_days():
    assert next_month(datetime.date(2026, 12, 31)) == datetime.date(2027, 1, 1)
    assert previous_month(datetime.date(2026, 3, 31)) == datetime.date(2026, 2, 1)


def test_month_bounds_cover_the_whole_month_in_local_time(settings):
    start, end = month_bounds(datetime.date(2026, 10, 17))
    assert (start.date(), end.date()) == (datetime.date(2026, 10, 1), datetime.date(2026, 11, 1))
    assert start.tzinfo is not None


def test_months_between_includes_both_ends():
    found = months_between(datetime.date(2026, 11, 20), datetime.date(2027, 1, 2))
    assert found == [
        datetime.date(2026, 11, 1),
        datetime.date(2026, 12, 1),
        datetime.date(2027, 1, 1),
    ]
