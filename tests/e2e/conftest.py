"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live_server.

One browser per test session, a fresh context (cookies, storage) per test. Every test module
here carries the `browser` marker and
`django_db(transaction=True, serialized_rollback=True)`: live_server needs a transactional
database, and the serialized rollback restores the migrations' data (Wagtail's root page and
default site) that each transactional test's flush removes.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.db import connections
from playwright.sync_api import sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
DEFAULT_VIEWPORT = {"width": 1280, "height": 800}
# axe-core 4.12 tags its one WCAG 2.2 A/AA rule (target-size, 2.5.8) `wcag22aa`; it has no
# `wcag22a` rule.
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
    "resultTypes": ["violations"],
}
DUPLICATE_IDS_SCRIPT = """() => {
    const counts = new Map();
    for (const element of document.querySelectorAll("[id]")) {
        counts.set(element.id, (counts.get(element.id) || 0) + 1);
    }
    return [...counts].filter(([, count]) => count > 1).map(([id]) => "#" + CSS.escape(id));
}"""


@pytest.fixture(scope="session")
def live_server(request, django_db_setup, django_db_blocker):
    """pytest-django's live server, started with HTTPS redirects off.

    SecurityMiddleware reads SECURE_SSL_REDIRECT once, when the server thread builds its
    handler, so the per-test settings of tests/conftest.py would come too late for it.
    """
    from django.test.utils import override_settings
    from pytest_django.live_server_helper import LiveServer

    addr = (
        request.config.getvalue("liveserver")
        or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with django_db_blocker.unblock(), override_settings(SECURE_SSL_REDIRECT=False):
        server = LiveServer(addr)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Browser tests need Debian's Chromium at {CHROMIUM}: "
            "install it with `apt-get install -y chromium` (never `playwright install`).",
            pytrace=False,
        )
    # Playwright's sync API keeps an asyncio loop running on this thread, and Django then
    # keys database connections by async context instead of by thread: the test code would
    # open a second connection, one without the initial data pytest-django restores from
    # (serialized_rollback). Hand the thread's connections to that context too.
    thread_connections = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in thread_connections.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def viewport():
    """The window size of `page`; override with `@pytest.mark.parametrize("viewport", …)`."""
    return DEFAULT_VIEWPORT


@pytest.fixture
def javascript():
    """Whether `page` runs JavaScript; override with parametrize to test without it."""
    return True


@pytest.fixture
def page(browser, live_server, viewport, javascript):
    """A page in a fresh browser context whose relative URLs go to the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=viewport,
        locale="pl-PL",
        java_script_enabled=javascript,
    )
    context.set_default_timeout(5_000)
    # Nothing leaves the machine: embeds (YouTube) and any other outside request fail fast.
    live_host = urlsplit(live_server.url).netloc
    context.route(lambda url: urlsplit(url).netloc != live_host, lambda route: route.abort())
    page = context.new_page()
    # Content-Security-Policy violations show up as console errors; assert_accessible
    # fails on any of them.
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_violations.append(message.text)
        ),
    )
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


STYLESHEETS_APPLIED = """() => [...document.querySelectorAll('link[rel=stylesheet]')]
    .every(link => link.sheet && link.sheet.cssRules.length > 0)"""


@pytest.fixture
def assert_accessible(axe):
    """Return a check that fails on any axe-core WCAG 2.2 A/AA violation of a page.

    axe-core 4.12 has retired its rules for unique ids (WCAG 4.1.1 is obsolete) and checks
    only ids that ARIA refers to, so the check adds that: a repeated id still breaks
    labels, skip links and in-page links.
    """

    def check(page):
        # As a person sees it: the page loaded and its stylesheets applied (axe measures
        # target sizes and contrast from the layout; a page checked mid-navigation is bare).
        page.wait_for_load_state("load")
        page.wait_for_function(STYLESHEETS_APPLIED)
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        duplicate_ids = page.evaluate(DUPLICATE_IDS_SCRIPT)
        if duplicate_ids:
            violations.append(
                {
                    "id": "duplicate-id",
                    "help": "id attribute values must be unique",
                    "nodes": [{"target": [target]} for target in duplicate_ids],
                }
            )
        for message in getattr(page, "csp_violations", []):
            violations.append({"id": "content-security-policy", "help": message, "nodes": []})
        if violations:
            report = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
            for violation in violations:
                report.append(f"- {violation['id']}: {violation['help']}")
                for node in violation["nodes"]:
                    summary = " ".join(node.get("failureSummary", "").split())
                    report.append(f"    {', '.join(node['target'])}  {summary}".rstrip())
            pytest.fail("\n".join(report), pytrace=False)

    return check


@pytest.fixture
def log_in(live_server):
    """Log `user` in within the browser context of `page` (a session cookie, no form)."""
    from django.conf import settings as django_settings
    from django.test import Client

    def log_in_as(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[django_settings.SESSION_COOKIE_NAME].value
        page.context.add_cookies(
            [{"name": django_settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
        )

    return log_in_as


@pytest.fixture
def kadra(db):
    """A Kadra account with its second factor set up (log_in gives it a passed session)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from portal import accounts
    from tests.factories.portal import UserFactory

    user = UserFactory(roles=[accounts.ROLE_STAFF])
    TOTP.activate(user, generate_totp_secret())
    return user
