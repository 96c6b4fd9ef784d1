"""Editors write, moderators publish; scheduled news appear on time and not before."""

import datetime

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from news.models import NewsPage
from portal import accounts
from tests.factories.portal import UserFactory

pytestmark = pytest.mark.django_db


def staff_client(client, role):
    user = UserFactory(roles=[role])
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return client


def news_form(title, **extra):
    return nested_form_data(
        {
            "title": title,
            "slug": "nowa-wiadomosc",
            "date": "2026-11-29",
            "author": "Redakcja",
            "intro": "Lead wiadomości.",
            "body": streamfield([("paragraph", rich_text("<p>Treść.</p>"))]),
            "categories": [],
            "tags": "",
            **extra,
        }
    )


def add_news(client, news_index, data):
    url = reverse("wagtailadmin_pages:add", args=("news", "newspage", news_index.pk))
    return client.post(url, data)


def test_editor_direct_publish_is_refused_the_news_stays_a_draft(client, news_index):
    editor = staff_client(client, accounts.ROLE_EDITORS)

    add_news(editor, news_index, news_form("Próba publikacji", **{"action-publish": "1"}))

    news = NewsPage.objects.get(title="Próba publikacji")
    assert not news.live
    assert client.get("/aktualnosci/nowa-wiadomosc/").status_code == 404


def test_editor_submits_and_moderator_approval_publishes(client, news_index):
    editor = staff_client(client, accounts.ROLE_EDITORS)
    add_news(editor, news_index, news_form("Do moderacji", **{"action-submit": "1"}))
    news = NewsPage.objects.get(title="Do moderacji")
    task_state = news.current_workflow_task_state
    assert task_state is not None and not news.live

    moderator = staff_client(client, accounts.ROLE_MODERATORS)
    response = moderator.post(
        reverse("wagtailadmin_pages:workflow_action", args=(news.pk, "approve", task_state.pk)),
        {"comment": ""},
    )

    assert response.status_code in (200, 302)
    news.refresh_from_db()
    assert news.live
    client.logout()
    assert client.get("/aktualnosci/nowa-wiadomosc/").status_code == 200


def test_editor_cannot_approve_their_own_submission(client, news_index):
    editor = staff_client(client, accounts.ROLE_EDITORS)
    add_news(editor, news_index, news_form("Własna", **{"action-submit": "1"}))
    news = NewsPage.objects.get(title="Własna")

    editor.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(news.pk, "approve", news.current_workflow_task_state.pk),
        ),
        {"comment": ""},
    )

    news.refresh_from_db()
    assert not news.live


def test_scheduled_news_is_invisible_until_its_time_then_appears(client, news_index):
    from tests.factories.news import NewsPageFactory

    news = NewsPageFactory(parent=news_index, title="Zaplanowana", slug="zaplanowana", live=False)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    news.go_live_at = go_live
    news.save_revision().publish()  # a future go-live date schedules instead of publishing
    news.refresh_from_db()

    def visible_everywhere():
        return {
            "page": client.get("/aktualnosci/zaplanowana/").status_code == 200,
            "index": "Zaplanowana" in client.get("/aktualnosci/").content.decode(),
            "feed": "Zaplanowana" in client.get("/aktualnosci/rss/").content.decode(),
            "search": "/aktualnosci/zaplanowana/"
            in client.get("/szukaj/", {"q": "zaplanowana"}).content.decode(),
            "sitemap": "/aktualnosci/zaplanowana/" in client.get("/sitemap.xml").content.decode(),
        }

    assert not news.live
    call_command("publish_scheduled")
    assert not any(visible_everywhere().values())

    with time_machine.travel(go_live + datetime.timedelta(minutes=1)):
        call_command("publish_scheduled")
        assert all(visible_everywhere().values()), visible_everywhere()
