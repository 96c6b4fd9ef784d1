"""50 XSS payloads typed by an editor (rich text) or a representative (profile) never run.

The editor's payloads go through the Wagtail admin form, as an editor would submit them;
the representative's through the intranet profile form. Chromium then opens the public
pages; every payload tries to set `window.__xss`.
"""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from directory.models import Representative
from portal import accounts
from portal.models import StandardPage
from tests.factories.directory import EntityFactory
from tests.factories.portal import UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

RUN = "window.__xss=1"
PAYLOADS = [
    f"<script>{RUN}</script>",
    f"<SCRIPT>{RUN}</SCRIPT>",
    f'"><script>{RUN}</script>',
    f"</p><script>{RUN}</script><p>",
    f"<scr<script>ipt>{RUN}</script>",
    f'<a href="javascript:{RUN}">link</a>',
    f'<a href="JaVaScRiPt:{RUN}">link</a>',
    f'<a href=" javascript:{RUN}">link</a>',
    f'<a href="data:text/html,<script>{RUN}</script>">link</a>',
    f'<a href="vbscript:{RUN}">link</a>',
    f'<iframe src="javascript:{RUN}"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>',
    f'<object data="javascript:{RUN}"></object>',
    f'<embed src="javascript:{RUN}">',
    f'<form action="javascript:{RUN}"><button>go</button></form>',
    f'<math><a xlink:href="javascript:{RUN}">m</a></math>',
    f"<style>@import 'javascript:{RUN}';</style>",
    f'<meta http-equiv="refresh" content="0;url=javascript:{RUN}">',
    f'<base href="javascript:{RUN}//">',
    f'<link rel="stylesheet" href="javascript:{RUN}">',
] + [
    f'<{tag} {handler}="{RUN}">x</{tag}>'
    for tag, handler in [
        ("img src=x", "onerror"),
        ("svg", "onload"),
        ("body", "onload"),
        ("details open", "ontoggle"),
        ("div", "onmouseover"),
        ("p", "onclick"),
        ("b", "onfocus"),
        ("input autofocus", "onfocus"),
        ("video src=x", "onerror"),
        ("audio src=x", "onerror"),
        ("marquee", "onstart"),
        ("select autofocus", "onfocus"),
        ("textarea autofocus", "onfocus"),
        ("keygen autofocus", "onfocus"),
        ("iframe", "onload"),
        ("object data=x", "onerror"),
        ("a href=#", "onclick"),
        ("span", "onpointerenter"),
        ("h2", "onanimationstart"),
        ("table", "onmouseenter"),
        ("img src=x", "ONERROR"),
        ("svg", "OnLoad"),
        ("img src=x", "onerror "),
        ("i", "style=x onmouseover"),
        ("em", "onwheel"),
        ("ul", "oncopy"),
        ("li", "onmousedown"),
        ("h3", "ondblclick"),
        ("blockquote", "onkeydown"),
        ("code", "onpaste"),
    ]
]


def test_there_are_fifty_payloads():
    assert len(PAYLOADS) == 50


def _staff_client(role):
    user = UserFactory(roles=[role])
    TOTP.activate(user, generate_totp_secret())
    client = Client()
    client.force_login(user)
    return client


def _as_pasted(payload):
    """What the editor's rich-text field submits for pasted HTML; markup it cannot even
    parse is pasted as text. A crafted javascript: link is added as raw editor data."""
    try:
        return rich_text(f"<p>Bezpieczny tekst</p>{payload}")
    except AssertionError:
        return rich_text(f"<p>Bezpieczny tekst {escape(payload)}</p>")


def _crafted_link_block():
    """A link entity whose URL is javascript:, as a malicious editor could post it."""
    import json

    return json.dumps(
        {
            "blocks": [
                {
                    "key": "a1b2c",
                    "text": "kliknij",
                    "type": "unstyled",
                    "depth": 0,
                    "inlineStyleRanges": [],
                    "entityRanges": [{"offset": 0, "length": 7, "key": 0}],
                    "data": {},
                }
            ],
            "entityMap": {
                "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": f"javascript:{RUN}"}}
            },
        }
    )


def _run_in_browser(page, url):
    page.goto(url)
    for link in page.locator("main a").all():
        href = link.get_attribute("href") or ""
        if href.lower().strip().startswith(("javascript", "vbscript", "data:")):
            link.click(no_wait_after=True)
    page.mouse.move(200, 300)
    page.wait_for_timeout(200)
    # Beyond "did not run" (the CSP would also stop inline handlers): nothing dangerous
    # reached the page at all.
    dangerous = page.evaluate(DANGEROUS_MARKUP_SCRIPT)
    assert dangerous == [], dangerous
    return page.evaluate("() => window.__xss === undefined")


DANGEROUS_MARKUP_SCRIPT = """() => {
    const found = [];
    for (const element of document.querySelectorAll("main *")) {
        if (["SCRIPT", "IFRAME", "OBJECT", "EMBED", "BASE", "META"].includes(element.tagName)) {
            found.push(element.tagName);
        }
        for (const attribute of element.attributes) {
            if (/^on/i.test(attribute.name)
                || /^\\s*(javascript|vbscript|data):/i.test(attribute.value)) {
                found.push(`${element.tagName} ${attribute.name}`);
            }
        }
    }
    return found;
}"""


def test_an_editors_payloads_never_run(page, home_page):
    editor = _staff_client(accounts.ROLE_EDITORS)
    body = [("paragraph", _as_pasted(payload)) for payload in PAYLOADS]
    editor.post(
        reverse("wagtailadmin_pages:add", args=("portal", "standardpage", home_page.pk)),
        nested_form_data(
            {
                "title": "Strona z ładunkami",
                "slug": "ladunki",
                "intro": PAYLOADS[0],
                "body": streamfield([*body, ("paragraph", _crafted_link_block())]),
                "action-submit": "1",
            }
        ),
    )
    draft = StandardPage.objects.get(slug="ladunki")
    draft.get_latest_revision().publish()

    assert _run_in_browser(page, "/ladunki/")
    assert "Bezpieczny tekst" in page.content()


def test_a_representatives_payloads_never_run(page, home_page):
    entity = EntityFactory(slug="podmiot")
    representative = UserFactory()
    Representative.objects.create(user=representative, entity=entity, status="approved")
    client = Client()
    client.force_login(representative)
    response = client.post(
        reverse("directory_intranet:edit", args=(entity.pk,)),
        {
            "name": "Podmiot",
            "legal_form": "foundation",
            "county": "swiebodzinski",
            "commune": "Świebodzin",
            "town": "Świebodzin",
            "description_text": "\n\n".join(PAYLOADS),
            "services_text": ", ".join(PAYLOADS[:5]),
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    entity.refresh_from_db()
    entity.get_latest_revision().publish()

    assert _run_in_browser(page, "/katalog/podmiot/")
    assert "onerror" in page.content()  # shown as text, not run
