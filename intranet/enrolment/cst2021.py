"""Participants in the column layout of the CST2021 participant import (persons, institutions).

Values are the Polish words the system's import expects ("Tak", "Nie", "Odmowa podania
informacji"); dates are YYYY-MM-DD.
"""

from directory.models import LegalForm
from directory.regions import COUNTIES
from intranet.models import Education, LabourMarketStatus, SensitiveAnswer, Sex

VOIVODESHIP = "lubuskie"
COUNTRY = "Polska"

PERSON_COLUMNS = [
    "Rodzaj uczestnika",
    "Nazwa instytucji",
    "Imię",
    "Nazwisko",
    "PESEL",
    "Brak PESEL",
    "Płeć",
    "Wiek w chwili przystąpienia do projektu",
    "Wykształcenie",
    "Kraj",
    "Województwo",
    "Powiat",
    "Gmina",
    "Miejscowość",
    "Kod pocztowy",
    "Obszar wg stopnia urbanizacji (DEGURBA)",
    "Telefon kontaktowy",
    "Adres e-mail",
    "Data rozpoczęcia udziału w projekcie",
    "Data zakończenia udziału w projekcie",
    "Status osoby na rynku pracy w chwili przystąpienia do projektu",
    "Osoba z niepełnosprawnościami",
    "Osoba obcego pochodzenia lub należąca do mniejszości",
    "Osoba bezdomna lub dotknięta wykluczeniem z dostępu do mieszkań",
]

ENTITY_COLUMNS = [
    "Nazwa instytucji",
    "NIP",
    "REGON",
    "KRS",
    "Typ instytucji",
    "Kraj",
    "Województwo",
    "Powiat",
    "Gmina",
    "Miejscowość",
    "Ulica i numer",
    "Kod pocztowy",
    "Telefon kontaktowy",
    "Adres e-mail",
    "Data rozpoczęcia udziału w projekcie",
    "Data zakończenia udziału w projekcie",
]

SEX = {Sex.FEMALE: "Kobieta", Sex.MALE: "Mężczyzna"}
YES_NO_REFUSED = {
    SensitiveAnswer.YES: "Tak",
    SensitiveAnswer.NO: "Nie",
    SensitiveAnswer.REFUSED: "Odmowa podania informacji",
}
EDUCATION = {
    Education.ISCED0: "Brak (ISCED 0)",
    Education.ISCED1: "Podstawowe (ISCED 1)",
    Education.ISCED2: "Gimnazjalne (ISCED 2)",
    Education.ISCED3: "Ponadgimnazjalne (ISCED 3)",
    Education.ISCED4: "Policealne (ISCED 4)",
    Education.ISCED5: "Wyższe krótkiego cyklu (ISCED 5)",
    Education.ISCED6: "Wyższe – studia licencjackie (ISCED 6)",
    Education.ISCED7: "Wyższe – studia magisterskie (ISCED 7)",
    Education.ISCED8: "Wyższe – studia doktoranckie (ISCED 8)",
}
LABOUR_MARKET = {
    LabourMarketStatus.REGISTERED_UNEMPLOYED: "Osoba bezrobotna zarejestrowana w ewidencji UP",
    LabourMarketStatus.LONG_TERM_UNEMPLOYED: "Osoba długotrwale bezrobotna",
    LabourMarketStatus.UNREGISTERED_UNEMPLOYED: (
        "Osoba bezrobotna niezarejestrowana w ewidencji UP"
    ),
    LabourMarketStatus.INACTIVE: "Osoba bierna zawodowo",
    LabourMarketStatus.EMPLOYED: "Osoba pracująca",
}
DEGURBA = {"urban": "Miejski (DEGURBA 1 lub 2)", "rural": "Wiejski (DEGURBA 3)"}
PARTICIPANT_KIND = {
    "individual": "Indywidualny",
    "delegated_person": "Pracownik lub przedstawiciel instytucji",
}


def _date(value) -> str:
    return value.isoformat() if value else ""


def _county(code: str) -> str:
    return COUNTIES[code][0].removeprefix("powiat ") if code in COUNTIES else ""


def person_row(enrolment) -> list[str]:
    return [
        PARTICIPANT_KIND.get(enrolment.target_group, ""),
        enrolment.delegating_entity.name if enrolment.delegating_entity_id else "",
        enrolment.first_name,
        enrolment.last_name,
        enrolment.pesel,
        "Tak" if enrolment.has_no_pesel else "Nie",
        SEX.get(enrolment.sex, ""),
        "" if enrolment.age_at_start is None else str(enrolment.age_at_start),
        EDUCATION.get(enrolment.education, ""),
        COUNTRY,
        VOIVODESHIP,
        _county(enrolment.county),
        enrolment.commune,
        enrolment.town,
        enrolment.postcode,
        DEGURBA.get(enrolment.area_type, ""),
        enrolment.phone,
        enrolment.email,
        _date(enrolment.support_start),
        _date(enrolment.support_end),
        LABOUR_MARKET.get(enrolment.labour_market_status, ""),
        YES_NO_REFUSED.get(enrolment.disability, ""),
        YES_NO_REFUSED.get(enrolment.foreign_origin, ""),
        YES_NO_REFUSED.get(enrolment.homeless, ""),
    ]


def entity_row(enrolment) -> list[str]:
    return [
        enrolment.entity_name,
        enrolment.nip,
        enrolment.regon,
        enrolment.krs,
        str(LegalForm(enrolment.legal_form).label) if enrolment.legal_form else "",
        COUNTRY,
        VOIVODESHIP,
        _county(enrolment.county),
        enrolment.commune,
        enrolment.town,
        enrolment.street,
        enrolment.postcode,
        enrolment.phone,
        enrolment.email,
        _date(enrolment.support_start),
        _date(enrolment.support_end),
    ]


def table(target_group: str, enrolments) -> tuple[list[str], list[list[str]]]:
    if target_group == "entity":
        return ENTITY_COLUMNS, [entity_row(e) for e in enrolments]
    return PERSON_COLUMNS, [person_row(e) for e in enrolments]
