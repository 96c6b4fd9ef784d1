"""Demo content for `manage.py seed_demo`: idempotent, generated locally (no downloads)."""

import datetime
import io

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont
from wagtail.images.models import Image
from wagtail.models import Page, Site
from wagtail.rich_text import RichText

from portal import accounts
from portal.models import (
    AccessibilityStatementPage,
    HomePage,
    Location,
    LocationIndexPage,
    SiteSettings,
    StandardPage,
    User,
)

DEMO_PASSWORD = "demo-owes-2026"  # noqa: S105 - published on purpose, demo only

LOCATIONS = [
    {
        "name": "LOEiIS Kostrzyn nad Odrą",
        "town": "Kostrzyn nad Odrą",
        "street": "ul. Graniczna 7",
        "postcode": "66-470",
        "latitude": "52.588300",
        "longitude": "14.647100",
        "phone": "95 752 11 20",
        "accessibility": (
            "<ul><li>Wejście bez progów od ulicy Granicznej</li>"
            "<li>Toaleta dostosowana na parterze</li><li>Miejsce parkingowe dla osób z "
            "niepełnosprawnością przy wejściu</li></ul>"
        ),
    },
    {
        "name": "LOEiIS Świebodzin",
        "town": "Świebodzin",
        "street": "ul. Sobieskiego 4",
        "postcode": "66-200",
        "latitude": "52.247500",
        "longitude": "15.533200",
        "phone": "68 382 40 15",
        "accessibility": (
            "<ul><li>Podjazd dla wózków przy wejściu głównym</li>"
            "<li>Pętla indukcyjna w sali szkoleniowej</li><li>Sala na parterze</li></ul>"
        ),
    },
    {
        "name": "LOEiIS Kożuchów",
        "town": "Kożuchów",
        "street": "ul. Szkolna 1",
        "postcode": "67-120",
        "latitude": "51.745400",
        "longitude": "15.596300",
        "phone": "68 355 33 02",
        "accessibility": (
            "<ul><li>Biuro na pierwszym piętrze, budynek bez windy – na prośbę spotkamy się "
            "w sali na parterze</li><li>Toaleta dostosowana na parterze</li></ul>"
        ),
    },
    {
        "name": "LOEiIS Dobiegniew",
        "town": "Dobiegniew",
        "street": "ul. Kościuszki 20",
        "postcode": "66-520",
        "latitude": "52.968400",
        "longitude": "15.755600",
        "phone": "95 761 12 44",
        "accessibility": (
            "<ul><li>Wejście bez progów</li><li>Możliwość wejścia z psem asystującym</li></ul>"
        ),
    },
    {
        "name": "LOEiIS Gorzów Wielkopolski",
        "town": "Gorzów Wielkopolski",
        "street": "ul. Sikorskiego 3",
        "postcode": "66-400",
        "latitude": "52.731200",
        "longitude": "15.238100",
        "phone": "95 720 55 10",
        "accessibility": (
            "<ul><li>Winda do wszystkich pięter</li><li>Toaleta dostosowana</li>"
            "<li>Pętla indukcyjna w recepcji</li><li>Tłumacz PJM po wcześniejszym "
            "zgłoszeniu (3 dni robocze)</li></ul>"
        ),
    },
]

OPENING_HOURS = "Poniedziałek–piątek: 8:00–16:00\nWtorek: dyżur doradcy do 18:00"

DEMO_ACCOUNTS = [
    ("Administrator", "admin@owes.example.org", None),
    ("Redaktor", "redaktor@owes.example.org", accounts.ROLE_EDITORS),
    ("Moderator", "moderator@owes.example.org", accounts.ROLE_MODERATORS),
    ("Kadra", "kadra@owes.example.org", accounts.ROLE_STAFF),
    ("Doradca", "doradca@owes.example.org", accounts.ROLE_ADVISERS),
    (
        "Kadra (dane szczególne)",
        "kadra-dane@owes.example.org",
        (accounts.ROLE_STAFF, accounts.ROLE_SPECIAL_DATA),
    ),
    ("Uczestnik", "uczestnik@owes.example.org", None),
]


def seed_site() -> HomePage:
    home = _home_page()
    _locations()
    _standard_page(
        home,
        slug="o-nas",
        title="O nas",
        intro=(
            "Jesteśmy Ośrodkiem Wsparcia Ekonomii Społecznej. Pomagamy zakładać i rozwijać "
            "spółdzielnie socjalne, fundacje i stowarzyszenia, które dają pracę osobom "
            "zagrożonym wykluczeniem społecznym."
        ),
        body=_about_body(),
    )
    offer = _standard_page(
        home,
        slug="oferta-wsparcia",
        title="Oferta wsparcia",
        intro="Doradztwo, szkolenia, dotacje i wsparcie pomostowe – bezpłatnie dla uczestników.",
        body=_offer_body(),
    )
    _location_index(home)
    _standard_page(
        home,
        slug="kontakt",
        title="Kontakt",
        intro="Zapraszamy do biura w Gorzowie Wielkopolskim i do pięciu lokalnych ośrodków.",
        body=[
            ("heading", {"text": "Biuro projektu", "level": "h2"}),
            (
                "paragraph",
                RichText(
                    "<p>ul. Sikorskiego 3, 66-400 Gorzów Wielkopolski<br>"
                    "tel. 95 720 55 10, e-mail: biuro@owes.example.org</p>"
                ),
            ),
        ],
    )
    privacy = _standard_page(
        home,
        slug="polityka-prywatnosci",
        title="Polityka prywatności",
        intro="Jak przetwarzamy dane osobowe uczestników i użytkowników portalu.",
        body=[
            (
                "paragraph",
                RichText(
                    "<p>Administratorem danych osobowych jest Ośrodek Wsparcia Ekonomii "
                    "Społecznej. Dane uczestników projektu przetwarzamy na podstawie "
                    "art. 6 ust. 1 lit. c oraz art. 9 ust. 2 lit. g RODO.</p>"
                ),
            )
        ],
        show_in_menus=False,
    )
    statement = _accessibility_statement(home)
    _site_settings(home, privacy, statement)
    if home.hero_cta_page_id is None:
        home.hero_cta_page = offer
        home.save_revision().publish()
    return home


def _home_page() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(
            title="Strona główna",
            slug="start",
            hero_heading="Wspieramy ekonomię społeczną w województwie lubuskim",
            intro=(
                "Doradztwo, szkolenia, dotacje na nowe miejsca pracy i sieć lokalnych "
                "ośrodków – dla podmiotów ekonomii społecznej i osób, które chcą je tworzyć."
            ),
            hero_cta_label="Zobacz ofertę wsparcia",
            seo_title="Ośrodek Wsparcia Ekonomii Społecznej",
            search_description="Portal Ośrodka Wsparcia Ekonomii Społecznej.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="OWES Portal",
        )
    elif site.root_page_id != home.pk:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "OWES Portal"
        site.save()
        if old_root.depth == 2 and not old_root.get_children().exists():
            old_root.delete()  # Wagtail's "Welcome" placeholder page
    return home


def _publish(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _standard_page(parent, *, slug, title, intro, body, show_in_menus=True) -> StandardPage:
    existing = StandardPage.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    return _publish(
        parent,
        StandardPage(slug=slug, title=title, intro=intro, body=body, show_in_menus=show_in_menus),
    )


def _location_index(home) -> LocationIndexPage:
    existing = LocationIndexPage.objects.first()
    if existing:
        return existing
    return _publish(
        home,
        LocationIndexPage(
            slug="lokalne-osrodki",
            title="Lokalne ośrodki",
            intro=(
                "Pięć Lokalnych Ośrodków Ekonomizacji i Inkubacji Społecznej: tu spotkasz "
                "doradców, skorzystasz z sali i sprzętu, przyjdziesz bez zapisów."
            ),
            show_in_menus=True,
        ),
    )


def _accessibility_statement(home) -> AccessibilityStatementPage:
    existing = AccessibilityStatementPage.objects.first()
    if existing:
        return existing
    return _publish(
        home,
        AccessibilityStatementPage(
            slug="deklaracja-dostepnosci",
            title="Deklaracja dostępności",
            website_published_on=datetime.date(2026, 11, 1),
            website_updated_on=datetime.date(2026, 11, 29),
            compliance=AccessibilityStatementPage.Compliance.PARTIAL,
            inaccessible_content=(
                "<ul><li>Niektóre dokumenty PDF opublikowane przed 2026 r. nie są w pełni "
                "dostępne cyfrowo.</li></ul>"
            ),
            exemptions="<ul><li>Filmy opublikowane przed 23 września 2020 r.</li></ul>",
            prepared_on=datetime.date(2026, 11, 29),
            reviewed_on=datetime.date(2026, 11, 29),
            facilitations=(
                "<ul><li>Link „Przejdź do treści” na początku każdej strony</li>"
                "<li>Pełna obsługa z klawiatury</li></ul>"
            ),
            contact_person="Anna Kowalska",
            contact_email="dostepnosc@owes.example.org",
            contact_phone="95 720 55 10",
            architectural_accessibility=(
                "<p>Biuro projektu w Gorzowie Wielkopolskim mieści się w budynku z windą; "
                "przed wejściem jest miejsce parkingowe dla osób z niepełnosprawnością.</p>"
            ),
            communication_accessibility=(
                "<p>W biurze w Gorzowie Wielkopolskim jest pętla indukcyjna. Tłumacza polskiego "
                "języka migowego zapewniamy po zgłoszeniu co najmniej 3 dni robocze "
                "wcześniej.</p>"
            ),
        ),
    )


def _locations():
    for order, data in enumerate(LOCATIONS):
        Location.objects.get_or_create(
            name=data["name"],
            defaults={
                **data,
                "opening_hours": OPENING_HOURS,
                "email": "biuro@owes.example.org",
                "sort_order": order,
            },
        )


def _site_settings(home, privacy, statement):
    site = Site.objects.get(root_page=home)
    site_settings = SiteSettings.for_site(site)
    site_settings.organisation_name = "Lubuski Ośrodek Wsparcia Ekonomii Społecznej"
    site_settings.short_name = "LOWES"
    site_settings.address = "ul. Sikorskiego 3\n66-400 Gorzów Wielkopolski"
    site_settings.phone = "95 720 55 10"
    site_settings.email = "biuro@owes.example.org"
    site_settings.facebook_url = "https://www.facebook.com/owes.example"
    site_settings.footer_text = (
        "Projekt współfinansowany ze środków Europejskiego Funduszu Społecznego Plus."
    )
    site_settings.funding_statement = (
        "Projekt „Lubuski OWES” współfinansowany przez Unię Europejską."
    )
    site_settings.funding_logos = _funding_logos_image()
    site_settings.funding_logos_alt = (
        "Zastępczy pasek logotypów (demo): Fundusze Europejskie dla Lubuskiego, "
        "Rzeczpospolita Polska, Dofinansowane przez Unię Europejską, Województwo Lubuskie"
    )
    site_settings.privacy_policy_page = privacy
    site_settings.accessibility_statement_page = statement
    site_settings.save()


def _funding_logos_image() -> Image:
    title = "Pasek logotypów UE (demo)"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    return Image.objects.create(
        title=title, file=ImageFile(_draw_logo_strip(), name="logotypy-ue.png")
    )


def _draw_logo_strip() -> io.BytesIO:
    """Draw a stand-in for the EU logo strip: four labelled boxes under a line saying it
    is a placeholder, to be replaced with the official strip in the site settings."""
    strip = PILImage.new("RGB", (1000, 120), "white")
    draw = ImageDraw.Draw(strip)
    try:  # DejaVu has the Polish letters (`make install` installs it); Pillow's own has not
        font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 13)
        notice = "DEMO: zastąp oficjalnym paskiem logotypów w ustawieniach strony"
    except OSError:
        font, notice = ImageFont.load_default(), "DEMO"
    draw.text((10, 2), notice, fill="#333333", font=font)
    labels = ["Fundusze Europejskie", "Rzeczpospolita Polska", "Unia Europejska", "Lubuskie"]
    colours = ["#003399", "#dc143c", "#003399", "#0b5563"]
    for index, (label, colour) in enumerate(zip(labels, colours, strict=True)):
        left = 10 + index * 247
        draw.rectangle([left, 20, left + 230, 100], outline=colour, width=4)
        draw.text((left + 15, 52), label, fill=colour)
    buffer = io.BytesIO()
    strip.save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def _about_body():
    return [
        ("heading", {"text": "Kim jesteśmy", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<p>Od 2016 roku wspieramy podmioty ekonomii społecznej w całym województwie "
                "lubuskim. W pierwszym roku objęliśmy wsparciem 94 podmioty i 293 osoby "
                "z obszaru wykluczenia społecznego.</p>"
            ),
        ),
        (
            "quote",
            {
                "text": "Ekonomia społeczna to praca, która ma sens – dla ludzi i dla gminy.",
                "attribution": "Koordynatorka projektu",
            },
        ),
        ("heading", {"text": "Dla kogo", "level": "h2"}),
        (
            "paragraph",
            RichText(
                "<ul><li>podmioty ekonomii społecznej (spółdzielnie socjalne, fundacje, "
                "stowarzyszenia, CIS, KIS, ZAZ, WTZ)</li><li>osoby delegowane przez podmioty"
                "</li><li>osoby indywidualne zagrożone ubóstwem lub wykluczeniem "
                "społecznym</li></ul>"
            ),
        ),
    ]


def _offer_body():
    return [
        ("heading", {"text": "Formy wsparcia", "level": "h2"}),
        (
            "table",
            {
                "table_caption": "Formy wsparcia i dla kogo są przeznaczone",
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "data": [
                    ["Forma wsparcia", "Dla kogo", "Gdzie"],
                    ["Doradztwo biznesowe", "Podmioty i grupy inicjatywne", "5 ośrodków"],
                    ["Doradztwo prawne i finansowe", "Podmioty", "Gorzów, online"],
                    ["Szkolenia i warsztaty", "Wszyscy uczestnicy", "5 ośrodków"],
                    ["Dotacje i wsparcie pomostowe", "Nowe miejsca pracy w PS", "Biuro"],
                ],
            },
        ),
        (
            "paragraph",
            RichText(
                "<p>Każdy uczestnik przechodzi diagnozę potrzeb i otrzymuje indywidualną "
                "ścieżkę wsparcia przygotowaną przez doradcę kluczowego, terapeutę "
                "i brokera edukacyjnego.</p>"
            ),
        ),
    ]


def seed_accounts() -> list[tuple[str, str]]:
    created = []
    for label, email, role in DEMO_ACCOUNTS:
        user = User.objects.filter(email=email).first()
        if user is None:
            is_admin = role is None and label == "Administrator"
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                first_name=label,
                last_name="Demo",
                is_staff=is_admin,
                is_superuser=is_admin,
            )
        for name in (role,) if isinstance(role, str) else role or ():
            user.groups.add(Group.objects.get(name=name))
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        created.append((label, email))
    return created
