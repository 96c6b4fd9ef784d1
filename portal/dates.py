"""Month arithmetic, written once (model-free: any app may use it)."""

import calendar
import datetime

from django.utils import timezone


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (or earlier), on the month's last day if it is shorter:
    31 January + 1 month is 28 (or 29) February."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return datetime.date(year, month + 1, min(day.day, last))


def next_month(month: datetime.date) -> datetime.date:
    """The first day of the month after `month`'s."""
    return add_months(first_of_month(month), 1)


def previous_month(month: datetime.date) -> datetime.date:
    """The first day of the month before `month`'s."""
    return add_months(first_of_month(month), -1)


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month of `month` as [start, end) aware datetimes in the current time zone."""
    start = first_of_month(month)
    return (
        timezone.make_aware(datetime.datetime.combine(start, datetime.time())),
        timezone.make_aware(datetime.datetime.combine(next_month(start), datetime.time())),
    )


def months_between(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    """The first days of every month from `start`'s to `end`'s, both included."""
    months, month = [], first_of_month(start)
    while month <= end:
        months.append(month)
        month = next_month(month)
    return months
