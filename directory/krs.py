"""Prefill from the Ministry of Justice's open KRS API (api-krs.ms.gov.pl, no key needed).

Best effort: any network error, timeout or unexpected answer gives None and the form
simply stays as the person filled it.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings

from directory.models import LegalForm

logger = logging.getLogger(__name__)

API_URL = "https://api-krs.ms.gov.pl/api/krs/OdpisAktualny/{krs}?rejestr={register}&format=json"
TIMEOUT_SECONDS = 4

LEGAL_FORMS = {
    "SPÓŁDZIELNIA SOCJALNA": LegalForm.SOCIAL_COOPERATIVE,
    "SPÓŁDZIELNIA": LegalForm.WORKERS_COOPERATIVE,
    "FUNDACJA": LegalForm.FOUNDATION,
    "STOWARZYSZENIE": LegalForm.ASSOCIATION,
    "KOŁO GOSPODYŃ WIEJSKICH": LegalForm.RURAL_WOMEN,
    "SPÓŁKA Z OGRANICZONĄ ODPOWIEDZIALNOŚCIĄ": LegalForm.NONPROFIT_COMPANY,
}


def _get(url: str):
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310
    with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
        return json.load(response)


def parse_extract(data: dict) -> dict:
    """Name, legal form and address from an "odpis aktualny" document."""
    section = data["odpis"]["dane"]["dzial1"]
    entity = section["danePodmiotu"]
    address = section.get("siedzibaIAdres", {}).get("adres", {})
    street = " ".join(
        part for part in (address.get("ulica", ""), address.get("nrDomu", "")) if part
    )
    if address.get("nrLokalu"):
        street = f"{street}/{address['nrLokalu']}"
    form_name = (entity.get("formaPrawna") or "").upper()
    legal_form = next(
        (code for name, code in LEGAL_FORMS.items() if form_name.startswith(name)), LegalForm.OTHER
    )
    return {
        "name": entity.get("nazwa", "").strip(),
        "legal_form": legal_form,
        "street": street.strip(),
        "postcode": address.get("kodPocztowy", ""),
        "town": (address.get("miejscowosc") or "").title(),
        "nip": entity.get("identyfikatory", {}).get("nip", ""),
        "regon": (entity.get("identyfikatory", {}).get("regon") or "")[:14],
    }


def lookup(krs: str) -> dict | None:
    if not getattr(settings, "KRS_API_ENABLED", True):
        return None
    for register in ("S", "P"):  # associations and foundations, then companies
        try:
            return parse_extract(_get(API_URL.format(krs=krs, register=register)))
        except urllib.error.HTTPError as error:
            if error.code == 404:
                continue
            logger.warning("KRS API answered %s for %s", error.code, krs)
            return None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError, KeyError) as error:
            logger.info("KRS API not reachable or unexpected answer for %s: %s", krs, error)
            return None
    return None
