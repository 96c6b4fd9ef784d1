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
WCAG_21_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": WCAG_21_AA_TAGS},
    "resultTypes": ["violations"],
}


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
    with sync_playwright() as playwright:
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
def page(browser, live_server, viewport):
    """A page in a fresh browser context whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="pl-PL")
    context.set_default_timeout(5_000)
    # Nothing leaves the machine: embeds (YouTube) and any other outside request fail fast.
    live_host = urlsplit(live_server.url).netloc
    context.route(lambda url: urlsplit(url).netloc != live_host, lambda route: route.abort())
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """Return a check that runs axe-core's WCAG 2.1 A/AA rules on a page and fails on any."""

    def check(page):
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            report = [f"{len(violations)} axe violation(s) on {page.url}:"]
            for violation in violations:
                report.append(f"- {violation['id']}: {violation['help']}")
                report.extend(
                    f"    {', '.join(node['target'])}: {node.get('failureSummary', '')}".replace(
                        "\n", " "
                    )
                    for node in violation["nodes"]
                )
            pytest.fail("\n".join(report), pytrace=False)

    return check
