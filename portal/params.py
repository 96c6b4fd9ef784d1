"""Reading what people (or attackers) put in URLs and forms: one function per kind of value.

Query parameters and path arguments arrive as any text at all: NUL bytes (PostgreSQL
refuses them), dates outside Python's range, digits `int()` does not read ("²", "٣"),
numbers beyond 64 bits, 3,000 characters. Each reader here returns a clean value or raises
Http404 (the `*_or_none` variants return None), so a view never hands such text to the
database or to date arithmetic. Imports no feature app.
"""

import datetime
import re

from django.http import Http404
from django.utils.text import slugify

MAX_ID = 2**63 - 1  # the largest bigint primary key
# Months and dates a view may compute with (the month before and after stay in range).
MIN_YEAR, MAX_YEAR = 1900, 2999
_ID = re.compile(r"[0-9]{1,19}")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,255}")


def text(value, max_length: int = 200) -> str:
    """Free text: NUL bytes removed, surrounding spaces stripped, cut to `max_length`."""
    return str(value or "").replace("\x00", "").strip()[:max_length]


def id_or_404(value) -> int:
    """A positive integer id (ASCII digits, within a bigint) or a 404 ("²", "abc", "-1")."""
    raw = str(value or "")
    if not _ID.fullmatch(raw) or not 0 < int(raw) <= MAX_ID:
        raise Http404("Bad id")
    return int(raw)


def id_or_none(value) -> int | None:
    try:
        return id_or_404(value)
    except Http404:
        return None


def page_number(value, default: int = 1) -> int:
    """A page number for display; anything that is not one is the `default`."""
    return id_or_none(value) or default


def month_or_404(value) -> datetime.date | None:
    """`YYYY-MM` as the month's first day; empty is None, anything else a 404."""
    if not value:
        return None
    match = _MONTH.fullmatch(str(value))
    if not match or not (MIN_YEAR <= int(match[1]) <= MAX_YEAR and 1 <= int(match[2]) <= 12):
        raise Http404("Bad month")
    return datetime.date(int(match[1]), int(match[2]), 1)


def date_or_404(value) -> datetime.date:
    """`YYYY-MM-DD` within MIN_YEAR..MAX_YEAR, or a 404."""
    raw = str(value or "")
    try:
        if not _DATE.fullmatch(raw):
            raise ValueError(raw)
        found = datetime.date.fromisoformat(raw)
    except ValueError as error:
        raise Http404("Bad date") from error
    if not MIN_YEAR <= found.year <= MAX_YEAR:
        raise Http404("Date out of range")
    return found


def slug_or_404(value) -> str:
    """A slug as Wagtail and taggit make them (ASCII or Unicode letters), or a 404."""
    raw = str(value or "")
    if not (_SLUG.fullmatch(raw) or (len(raw) <= 255 and raw and slugify(raw, True) == raw)):
        raise Http404("Bad slug")
    return raw


def choice_or_404(value, choices) -> str:
    """One of `choices` (an empty value is ""), or a 404."""
    if not value:
        return ""
    if value not in choices:
        raise Http404("Unknown choice")
    return value
