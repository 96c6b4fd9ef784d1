"""Demo entities for `manage.py seed_demo --entities N`: realistic, valid NIP/REGON, fast."""

import random

from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from directory.models import Entity, EntityServiceTag, LegalForm, build_search_document
from directory.regions import COUNTIES

PREFIXES = {
    LegalForm.SOCIAL_COOPERATIVE: "Spółdzielnia Socjalna",
    LegalForm.WORKERS_COOPERATIVE: "Spółdzielnia Pracy",
    LegalForm.FOUNDATION: "Fundacja",
    LegalForm.ASSOCIATION: "Stowarzyszenie",
    LegalForm.NONPROFIT_COMPANY: "Spółka non-profit",
    LegalForm.CIS: "Centrum Integracji Społecznej",
    LegalForm.KIS: "Klub Integracji Społecznej",
    LegalForm.ZAZ: "Zakład Aktywności Zawodowej",
    LegalForm.WTZ: "Warsztat Terapii Zajęciowej",
    LegalForm.RURAL_WOMEN: "Koło Gospodyń Wiejskich",
}
NAMES = [
    "Pod Lipami",
    "Razem",
    "Nowy Start",
    "Zielona Dolina",
    "Lubuska Pracownia",
    "Nadodrze",
    "Dobry Smak",
    "Pomocna Dłoń",
    "Warta",
    "Bóbr",
    "Sosnowy Las",
    "Wspólna Sprawa",
    "Otwarte Drzwi",
    "Lubuskie Wino",
    "Kraina Łęgów",
    "Szansa",
    "Przystań",
    "Ogród",
]
SERVICES = [
    "catering",
    "usługi porządkowe",
    "pielęgnacja zieleni",
    "usługi opiekuńcze",
    "rękodzieło",
    "szycie",
    "usługi remontowe",
    "pranie i prasowanie",
    "gastronomia",
    "turystyka",
    "szkolenia",
    "poligrafia",
    "stolarstwo",
    "opieka nad dziećmi",
    "transport",
    "produkty spożywcze",
    "usługi księgowe",
    "animacja czasu wolnego",
]


def _nip(generator) -> str:
    while True:
        digits = [generator.randint(1, 9)] + [generator.randint(0, 9) for _ in range(8)]
        check = sum(d * w for d, w in zip(digits, (6, 5, 7, 2, 3, 4, 5, 6, 7), strict=True)) % 11
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def _regon(generator) -> str:
    digits = [generator.randint(0, 9) for _ in range(8)]
    check = sum(d * w for d, w in zip(digits, (8, 9, 2, 3, 4, 5, 6, 7), strict=True)) % 11 % 10
    return "".join(map(str, digits)) + str(check)


def seed_entities(count: int = 60) -> int:
    """Create demo entities up to `count` in all; returns how many were created."""
    existing = Entity.objects.filter(slug__startswith="pes-").count()
    if existing >= count:
        return 0
    generator = random.Random(2016 + existing)
    tags = {name: Tag.objects.get_or_create(name=name)[0] for name in SERVICES}
    counties = list(COUNTIES.items())
    now = timezone.now()
    used_nips = set(Entity.objects.exclude(nip="").values_list("nip", flat=True))
    used_regons = set(Entity.objects.exclude(regon="").values_list("regon", flat=True))
    entities, services = [], []
    for number in range(existing + 1, count + 1):
        legal_form = generator.choice(list(PREFIXES))
        county, (_, communes) = generator.choice(counties)
        commune = generator.choice(communes)
        town = commune.split(" (")[0]
        nip = _nip(generator)
        regon = _regon(generator)
        if nip in used_nips or regon in used_regons:
            continue
        used_nips.add(nip)
        used_regons.add(regon)
        entity = Entity(
            name=f"{PREFIXES[legal_form]} „{generator.choice(NAMES)}” w {town} nr {number}",
            slug=f"pes-{number:05d}",
            legal_form=legal_form,
            is_social_enterprise=generator.random() < 0.3,
            nip=nip,
            regon=regon,
            krs=f"{number:010d}" if generator.random() < 0.8 else "",
            county=county,
            commune=commune,
            town=town,
            postcode=f"{generator.randint(65, 68)}-{generator.randint(0, 999):03d}",
            street=f"ul. Długa {generator.randint(1, 80)}",
            email=f"kontakt{number}@pes.example.org",
            phone=f"68 {generator.randint(100, 999)} {generator.randint(1000, 9999)}",
            year_founded=generator.randint(1995, 2026),
            social_clauses_ready=generator.random() < 0.4,
            description=(
                "<p>Podmiot ekonomii społecznej zatrudniający osoby zagrożone wykluczeniem "
                "społecznym. Zapraszamy do współpracy samorządy i firmy.</p>"
            ),
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        chosen = generator.sample(SERVICES, k=generator.randint(1, 3))
        entity.search_document = build_search_document(entity) + " " + " ".join(chosen)
        entities.append((entity, chosen))
    Entity.objects.bulk_create([entity for entity, _ in entities], batch_size=1000)
    for entity, chosen in entities:
        services.extend(EntityServiceTag(content_object=entity, tag=tags[name]) for name in chosen)
    EntityServiceTag.objects.bulk_create(services, batch_size=2000)
    if connection.vendor == "postgresql":
        # Fresh statistics after a bulk load, so the planner uses the full-text GIN index.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE directory_entity")
            cursor.execute("ANALYZE directory_entityservicetag")
    return len(entities)
