import datetime

import factory
import wagtail_factories
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from portal.models import (
    AccessibilityStatementPage,
    HomePage,
    Location,
    LocationIndexPage,
    StandardPage,
    User,
)

TEST_PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"osoba{n}@example.org")
    first_name = "Anna"
    last_name = factory.Sequence(lambda n: f"Nowak{n}")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)
        if create:
            obj.save()

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):
        for name in extracted or []:
            obj.groups.add(Group.objects.get(name=name))


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = factory.Sequence(lambda n: f"LOEiIS Ośrodek {n}")
    town = factory.Iterator(["Świebodzin", "Kożuchów", "Dobiegniew", "Kostrzyn nad Odrą"])
    street = "ul. Szkolna 1"
    postcode = "66-200"
    opening_hours = "Poniedziałek–piątek: 8:00–16:00"
    phone = "68 382 40 15"
    email = "biuro@example.org"
    latitude = "52.247500"
    longitude = "15.533200"
    accessibility = "<p>Wejście bez progów, toaleta dostosowana.</p>"
    sort_order = factory.Sequence(int)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Strona główna"
    slug = "start"
    hero_heading = "Wspieramy ekonomię społeczną"
    intro = "Doradztwo, szkolenia i dotacje."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Strona {n}")
    intro = "Krótki wstęp do strony."
    show_in_menus = True


class LocationIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LocationIndexPage

    title = "Lokalne ośrodki"
    slug = "lokalne-osrodki"
    show_in_menus = True


class AccessibilityStatementPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = AccessibilityStatementPage

    title = "Deklaracja dostępności"
    slug = "deklaracja-dostepnosci"
    website_published_on = datetime.date(2025, 3, 1)
    website_updated_on = datetime.date(2026, 9, 15)
    compliance = AccessibilityStatementPage.Compliance.PARTIAL
    inaccessible_content = "<ul><li>Część plików PDF nie ma struktury nagłówków.</li></ul>"
    prepared_on = datetime.date(2025, 3, 1)
    reviewed_on = datetime.date(2026, 10, 1)
    facilitations = "<p>Serwis można obsługiwać wyłącznie klawiaturą.</p>"
    contact_person = "Jan Kowalski"
    contact_email = "dostepnosc@example.org"
    contact_phone = "68 382 40 15"
    architectural_accessibility = "<p>Wejście do biura jest na poziomie chodnika.</p>"
