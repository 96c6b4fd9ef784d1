"""The one place query parameters and path arguments are read (portal/params.py)."""

import datetime

import pytest
from django.http import Http404

from portal import params

HOSTILE = ["\x00", "a\x00b", "²", "٣", "99999999999999999999999", "x" * 3000, "\ufffd\ufffd"]


@pytest.mark.parametrize("value", [*HOSTILE, "", "0", "-1", " 7", "7.0"], ids=repr)
def test_an_id_is_ascii_digits_within_a_bigint(value):
    with pytest.raises(Http404):
        params.id_or_404(value)
    assert params.id_or_none(value) is None
    assert params.page_number(value) == 1


def test_a_good_id_and_the_largest_bigint_are_read():
    assert params.id_or_404("42") == 42
    assert params.id_or_404(str(2**63 - 1)) == 2**63 - 1
    assert params.id_or_none(str(2**63)) is None
    assert params.page_number("3") == 3


@pytest.mark.parametrize(
    "value",
    [*HOSTILE, "9999-12", "0001-01", "2026-13", "2026-00", "２０２６-01", "2026-1", "202601"],
    ids=repr,
)
def test_a_month_outside_the_calendar_the_views_compute_with_is_a_404(value):
    with pytest.raises(Http404):
        params.month_or_404(value)


def test_a_month_is_its_first_day_and_empty_is_none():
    assert params.month_or_404("2026-03") == datetime.date(2026, 3, 1)
    assert params.month_or_404("") is None


@pytest.mark.parametrize(
    "value",
    [*HOSTILE, "9999-12-31", "0001-01-01", "99999-01-01", "2026-02-30", "20260101", ""],
    ids=repr,
)
def test_a_bad_date_is_a_404(value):
    with pytest.raises(Http404):
        params.date_or_404(value)


def test_a_date_is_read():
    assert params.date_or_404("2026-12-02") == datetime.date(2026, 12, 2)


@pytest.mark.parametrize("value", [*HOSTILE[:2], "x" * 3000, "a b", "<script>"], ids=repr)
def test_a_bad_slug_is_a_404(value):
    with pytest.raises(Http404):
        params.slug_or_404(value)


@pytest.mark.parametrize("value", ["ekonomia-spoleczna", "zażółć-gęślą", "tag_2026"])
def test_ascii_and_polish_slugs_are_read(value):
    assert params.slug_or_404(value) == value


def test_free_text_loses_nul_bytes_and_its_tail():
    assert params.text("  a\x00b  ") == "ab"
    assert params.text("x" * 3000, max_length=100) == "x" * 100
    assert params.text(None) == ""


def test_a_choice_is_one_of_the_choices():
    assert params.choice_or_404("online", ["online", "stacjonarne"]) == "online"
    assert params.choice_or_404("", ["online"]) == ""
    with pytest.raises(Http404):
        params.choice_or_404("\x00", ["online"])
