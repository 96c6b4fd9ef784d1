import pytest

from tests.factories.events import EventIndexPageFactory


@pytest.fixture
def events_index(home_page):
    return EventIndexPageFactory(parent=home_page)


def sign_up_data(number=0, **overrides):
    return {
        "first_name": "Maria",
        "last_name": f"Wiśniewska{number}",
        "email": f"osoba{number}@example.org",
        "participant_type": "individual",
        "consent": "on",
        **overrides,
    }
