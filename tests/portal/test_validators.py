"""Polish identifiers are checked by their check digits, with Polish messages."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from portal.validators import (
    pesel_birth_date,
    pesel_sex,
    validate_krs,
    validate_nip,
    validate_pesel,
    validate_regon,
)


@pytest.mark.parametrize(
    ("validator", "valid"),
    [
        (validate_nip, "5261040828"),
        (validate_nip, "526-104-08-28"),
        (validate_regon, "012100784"),
        (validate_regon, "12345678512347"),
        (validate_krs, "0000123456"),
        (validate_pesel, "44051401359"),
        (validate_pesel, "02270803624"),
    ],
    ids=["nip", "nip-dashes", "regon-9", "regon-14", "krs", "pesel-1944", "pesel-2002"],
)
def test_valid_numbers_pass(validator, valid):
    validator(valid)


@pytest.mark.parametrize(
    ("validator", "invalid", "message"),
    [
        (validate_nip, "5261040827", "NIP"),
        (validate_nip, "12345", "10 cyfr"),
        (validate_regon, "012100785", "REGON"),
        (validate_regon, "1234567", "9 lub 14"),
        (validate_krs, "123", "10 cyfr"),
        (validate_pesel, "44051401358", "PESEL"),
        (validate_pesel, "44153201356", "niemożliwą datę"),
        (validate_pesel, "abc", "11 cyfr"),
    ],
    ids=[
        "nip-check",
        "nip-short",
        "regon-check",
        "regon-short",
        "krs",
        "pesel-check",
        "pesel-date",
        "pesel-letters",
    ],
)
def test_invalid_numbers_fail_with_a_polish_message(validator, invalid, message):
    with pytest.raises(ValidationError) as error:
        validator(invalid)
    assert message in " ".join(error.value.messages)


def test_birth_date_and_sex_come_from_the_pesel():
    assert pesel_birth_date("02270803624") == datetime.date(2002, 7, 8)
    assert pesel_sex("02270803624") == "F"
    assert pesel_sex("44051401359") == "M"
