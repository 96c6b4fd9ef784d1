"""Filling live slots into every HTML response (see `portal.registry.register_live_slot`).

A slot is written as `<!--live:NAME:KEY-->` (by `live_slot_marker`), so a long-lived
cached fragment or page can hold it; this middleware, outermost of all, replaces each
with what the registered filler returns for the key — one call per slot name and
response, whatever the number of slots. A slot without a filler, or a key the filler
does not know, becomes empty.
"""

import re

from django.utils.html import escape

from portal.registry import live_slot_filler

MARKER = re.compile(rb"<!--live:([a-z-]+):([A-Za-z0-9:._-]+)-->")


def live_slot_marker(name: str, key: str) -> str:
    return f"<!--live:{escape(name)}:{escape(key)}-->"


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
            or b"<!--live:" not in response.content
        ):
            return response
        response.content = fill_live_slots(response.content)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
