"""Validators of Polish identifiers, shared by every app: NIP, REGON, KRS, PESEL.

Each raises ValidationError with a Polish message (through gettext) when the number is
malformed or its check digit is wrong. `normalise_*` strip spaces and dashes first.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_NON_DIGITS = re.compile(r"[\s-]")


def digits_only(value: str) -> str:
    return _NON_DIGITS.sub("", value or "")


def _weighted_sum(digits: str, weights) -> int:
    return sum(int(digit) * weight for digit, weight in zip(digits, weights, strict=False))


def validate_nip(value: str) -> None:
    nip = digits_only(value)
    if not re.fullmatch(r"[0-9]{10}", nip):
        raise ValidationError(_("A NIP number has 10 digits."), code="nip_format")
    check = _weighted_sum(nip, (6, 5, 7, 2, 3, 4, 5, 6, 7)) % 11
    if check == 10 or check != int(nip[9]):
        raise ValidationError(_("This NIP number is not valid (wrong check digit)."), code="nip")


def validate_regon(value: str) -> None:
    regon = digits_only(value)
    if not re.fullmatch(r"[0-9]{9}|[0-9]{14}", regon):
        raise ValidationError(_("A REGON number has 9 or 14 digits."), code="regon_format")
    weights = (
        (8, 9, 2, 3, 4, 5, 6, 7) if len(regon) == 9 else (2, 4, 8, 5, 0, 9, 7, 3, 6, 1, 2, 4, 8)
    )
    check = _weighted_sum(regon, weights) % 11 % 10
    if check != int(regon[-1]):
        raise ValidationError(
            _("This REGON number is not valid (wrong check digit)."), code="regon"
        )
    if len(regon) == 14:
        validate_regon(regon[:9])


def validate_krs(value: str) -> None:
    """KRS numbers have no check digit: ten digits, not all zeros."""
    krs = digits_only(value)
    if not re.fullmatch(r"[0-9]{10}", krs) or int(krs) == 0:
        raise ValidationError(_("A KRS number has 10 digits, e.g. 0000123456."), code="krs")


def pesel_birth_date(pesel: str) -> datetime.date:
    year, month, day = int(pesel[0:2]), int(pesel[2:4]), int(pesel[4:6])
    century = {0: 1900, 20: 2000, 40: 2100, 60: 2200, 80: 1800}[month // 20 * 20]
    return datetime.date(century + year, month % 20, day)


def pesel_sex(pesel: str) -> str:
    """ "F" or "M" from the tenth digit."""
    return "F" if int(pesel[9]) % 2 == 0 else "M"


def validate_pesel(value: str) -> None:
    pesel = digits_only(value)
    if not re.fullmatch(r"[0-9]{11}", pesel):
        raise ValidationError(_("A PESEL number has 11 digits."), code="pesel_format")
    check = (10 - _weighted_sum(pesel, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)) % 10) % 10
    if check != int(pesel[10]):
        raise ValidationError(
            _("This PESEL number is not valid (wrong check digit)."), code="pesel"
        )
    try:
        birth_date = pesel_birth_date(pesel)
    except ValueError as error:
        raise ValidationError(
            _("This PESEL number contains an impossible date of birth."), code="pesel_date"
        ) from error
    if birth_date > datetime.date.today():
        raise ValidationError(
            _("This PESEL number gives a future date of birth."), code="pesel_future"
        )


def pesel_for(birth_date: datetime.date, sex: str, serial: int = 0) -> str:
    """A valid PESEL for a birth date and sex ("F"/"M") — for demo data and tests."""
    month = birth_date.month + {18: 80, 19: 0, 20: 20, 21: 40, 22: 60}[birth_date.year // 100]
    sex_digit = (serial % 5) * 2 + (1 if sex == "M" else 0)
    body = f"{birth_date:%y}{month:02d}{birth_date.day:02d}{serial % 1000:03d}{sex_digit}"
    check = (10 - _weighted_sum(body, (1, 3, 7, 9, 1, 3, 7, 9, 1, 3)) % 10) % 10
    return body + str(check)
