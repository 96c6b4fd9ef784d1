"""Filling live slots into every HTML response (see `portal.registry.register_live_slot`).

A slot is written as `<!--live:NAME:KEY-->` (by `live_slot_marker`), so a long-lived
cached fragment or page can hold it; this middleware, outermost of all, replaces each
with what the registered filler returns for the key — one call per slot name and
response, whatever the number of slots. A slot without a filler, or a key the filler
does not know, becomes empty.

A filler's answer may hold the one slot that needs the request: `CSRF_SLOT`, where a form
of a page-cached page takes its visitor's CSRF token (Django's own, with its cookie set
by `CsrfViewMiddleware`, which sets it in its response phase when a token was asked
for). Such an answer is never kept by a browser or a shared cache (Django's
never-cache headers): it is this visitor's, and its form's state is live. The page
cache keeps the page as stored, with the marker. (With CSRF_USE_SESSIONS the token would
live in a session already saved by then: this project keeps it in its cookie.)
"""

import re

from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape, format_html

from portal.registry import live_slot_filler

MARKER = re.compile(rb"<!--live:([a-z-]+):([A-Za-z0-9:._-]+)-->")


def live_slot_marker(name: str, key: str) -> str:
    return f"<!--live:{escape(name)}:{escape(key)}-->"


CSRF_SLOT = "<!--live-csrf-token-->"


def fill_live_slots(content: bytes) -> bytes:
    found = MARKER.findall(content)
    if not found:
        return content
    keys_by_name: dict[str, set[str]] = {}
    for name, key in found:
        keys_by_name.setdefault(name.decode(), set()).add(key.decode())
    filled: dict[tuple[str, str], str] = {}
    for name, keys in keys_by_name.items():
        filler = live_slot_filler(name)
        answers = filler(sorted(keys)) if filler else {}
        for key in keys:
            filled[(name, key)] = answers.get(key, "")

    def replace(match):
        return filled[(match[1].decode(), match[2].decode())].encode()

    return MARKER.sub(replace, content)


class LiveSlotMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or b"<!--live" not in response.content
        ):
            return response
        response.content = fill_live_slots(response.content)
        if CSRF_SLOT.encode() in response.content:
            self.fill_csrf_token(request, response)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response

    def fill_csrf_token(self, request, response):
        token = format_html(
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">', get_token(request)
        )
        response.content = response.content.replace(CSRF_SLOT.encode(), token.encode())
        CsrfViewMiddleware(self.get_response).process_response(request, response)
        add_never_cache_headers(response)
