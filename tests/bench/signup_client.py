"""People signing up for events over HTTP, as a browser does, at a fixed rate.

One sign-up: GET the event page (its form, the CSRF cookie and token), POST the form with
a distinct e-mail address, then GET the page the answer redirects to. The sign-up was
accepted when that redirect goes to the person's registration page (…/zapis/<token>/);
a refusal ("registration closed", "already signed up") redirects back to the event page,
an invalid form answers 200 with the form again. The rate is held open-loop: sign-up
number i starts i / rate seconds after the first, however long the earlier ones take.
"""

import http.client
import time
import urllib.parse
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from http.cookies import SimpleCookie

from common import HOST, REQUEST_TIMEOUT_SECONDS

ACCEPTED, REFUSED, INVALID, FAILED = "accepted", "refused", "form invalid", "failed"
OUTCOMES = (ACCEPTED, REFUSED, INVALID, FAILED)
MAX_IN_FLIGHT = 16


class SignUpForm(HTMLParser):
    """The first POST form of a page: its action, hidden fields and radio choices."""

    def __init__(self):
        super().__init__()
        self.action = None
        self.hidden: dict[str, str] = {}
        self.choices: dict[str, list[str]] = {}
        self._inside = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("method", "").lower() == "post":
            if self.action is None:
                self.action = attributes.get("action") or ""
                self._inside = True
        elif tag == "input" and self._inside:
            kind = attributes.get("type", "text")
            if kind == "hidden":
                self.hidden[attributes["name"]] = attributes.get("value", "")
            elif kind == "radio":
                self.choices.setdefault(attributes["name"], []).append(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "form":
            self._inside = False


class Browser:
    """One visitor: cookies kept between requests, a new connection as gunicorn wants."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT_SECONDS)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            content = response.read()
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response, content


def sign_up(port: int, event_path: str, email: str) -> str:
    """One person's sign-up through the event page's form; returns one of OUTCOMES."""
    browser = Browser(port)
    try:
        response, content = browser.request("GET", event_path)
        form = SignUpForm()
        form.feed(content.decode("utf-8", errors="replace"))
        if response.status != 200 or form.action is None:
            return REFUSED  # registration closed or full: the page has no form
        fields = {
            **form.hidden,
            "first_name": "Bench",
            "last_name": "Zapisowy",
            "email": email,
            "participant_type": form.choices.get("participant_type", ["individual"])[0],
            "consent": "on",
        }
        action = urllib.parse.urljoin(event_path, form.action)
        response, _ = browser.request("POST", action, urllib.parse.urlencode(fields))
        if response.status == 200:
            return INVALID
        location = response.headers.get("Location", "")
        if response.status != 302 or not location:
            return FAILED
        followed, _ = browser.request("GET", urllib.parse.urlsplit(location).path or "/")
        if followed.status != 200:
            return FAILED
        return ACCEPTED if "/zapis/" in location else REFUSED
    except (OSError, http.client.HTTPException):
        return FAILED


def sign_up_at_rate(
    port: int, event_paths: list[str], rate: float, seconds: float, email_prefix: str
) -> dict:
    """Start `rate` sign-ups a second for `seconds`, spread over the events in turn.

    Returns the outcomes, each sign-up's duration (ms) and the rate actually held."""
    count = int(rate * seconds)
    started = time.monotonic()
    futures = []

    def timed(number: int):
        began = time.perf_counter()
        path = event_paths[number % len(event_paths)]
        outcome = sign_up(port, path, f"{email_prefix}-{number}@bench.example.org")
        return outcome, (time.perf_counter() - began) * 1000

    with ThreadPoolExecutor(MAX_IN_FLIGHT) as pool:
        for number in range(count):
            delay = started + number / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            futures.append(pool.submit(timed, number))
        last_started = time.monotonic()
        results = [future.result() for future in futures]
    outcomes = Counter(outcome for outcome, _ in results)
    return {
        "outcomes": {outcome: outcomes[outcome] for outcome in OUTCOMES},
        "durations_ms": sorted(duration for _, duration in results),
        # The rate held: sign-ups started per second (the last one's own second included).
        "started_per_second": count / (last_started - started + 1 / rate) if count else 0.0,
    }
