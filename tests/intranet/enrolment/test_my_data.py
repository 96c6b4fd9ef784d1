"""'Moje dane' — the right of access — in the words of the forms, not the database's."""

import re

import pytest
from django.urls import reverse

from intranet.models import Enrolment
from tests.factories.events import EventIndexPageFactory, EventPageFactory, RegistrationFactory
from tests.factories.intranet import BookingFactory, EnrolmentFactory
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def test_my_data_shows_labels_and_values_people_read(client, home_page):
    member = UserFactory()
    enrolment = EnrolmentFactory(user=member, accepted=True)
    event = EventPageFactory(parent=EventIndexPageFactory(parent=home_page))
    RegistrationFactory(event=event, user=member, email=member.email)
    BookingFactory(member=member, topic="Biznesplan")
    client.force_login(member)

    html = client.get(reverse("intranet:my_data")).content.decode()
    main = re.sub(r"<[^>]+>", " ", html.split("<main", 1)[1].split("</main>")[0])

    raw_keys = {field.name for field in Enrolment._meta.concrete_fields if "_" in field.name}
    assert [key for key in raw_keys if re.search(rf"\b{key}\b", main)] == []
    assert not re.search(r"\b(True|False|None|isced\d)\b", main)
    assert enrolment.get_education_display() in main
    assert "Biznesplan" in main and event.title in main
    # The download keeps the machine keys.
    assert '"target_group"' in client.get(reverse("intranet:my_data_json")).content.decode()
