"""One version per public cache area, so a change makes stale only what shows it.

An area is a string naming something pages show: "news" (the news lists), "home:news"
(the home page's news section), "page:42" (a page's own fragments, and the listing it
is the parent of), "entity:7", "directory", "site" (header and footer), "menu"... The
feature apps declare which areas a change of their models touches (`portal.registry`);
every cached fragment names the areas it shows (`{% cache ... versions.news %}`-style,
through `area_version`). A change replaces the version of its areas; fragments stored
under the old versions are simply never read again and expire.

A version is a random token, not a counter: after Redis loses its data (a restart, a
FLUSHALL) every area gets a new token that no fragment was ever stored under, so old
fragments kept in a process's memory can never come back.

Two areas are in every version: STRUCTURE (sites, view restrictions, page moves — rare
changes that may change any page) and, while this process saw Redis away, nothing is
shared at all (`outage-…` tokens). CONTENT is bumped by every change but place counts:
the whole-page cache of anonymous visitors is keyed by it.
"""

import hashlib
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

from portal.cache import shared_cache_available

KEY_PREFIX = "area-version:"
STRUCTURE = "structure"
CONTENT = "content"

# Asked for together with the first areas a request reads: nearly every public page shows
# them (the route, header, footer and menu; the ground floor's centres, embeds and tags),
# so a page reads its versions in one or two round trips instead of one per fragment.
COMMON = (STRUCTURE, CONTENT, "routes", "site", "images", "menu", "locations", "embeds", "tags")

_request_tokens: ContextVar[dict | None] = ContextVar("area_tokens_of_this_request", default=None)
_in_request = ContextVar("handling_a_request", default=False)
_outage = {"seen": False}


def _new_token() -> str:
    return uuid.uuid4().hex[:16]


def _memo() -> dict:
    tokens = _request_tokens.get()
    if tokens is None:
        tokens = {}
        if _in_request.get():
            _request_tokens.set(tokens)
    return tokens


def tokens(*areas: str) -> dict[str, str]:
    """The current token of each area (read once per request from the shared cache)."""
    return _read(areas, ())[0]


def _read(areas, keys) -> tuple[dict[str, str], dict]:
    """The tokens of `areas` and the shared cache's values under `keys` (those it has),
    in one round trip."""
    wanted = {STRUCTURE, *areas}
    memo = _memo()
    missing = [area for area in wanted if area not in memo]
    values = {}
    if missing or keys:
        if missing and not memo and _in_request.get():
            missing = list(dict.fromkeys([*missing, *COMMON]))
        found = cache.get_many([KEY_PREFIX + area for area in missing] + list(keys))
        if not shared_cache_available():
            # Redis is away (portal/cache.py): a version no other request has, so nothing
            # is read from a cache that may have missed a change.
            _outage["seen"] = True
            return {area: f"outage-{uuid.uuid4().hex}" for area in wanted}, {}
        if _outage["seen"]:
            # Changes made while Redis was away were counted in this process's memory only.
            _outage["seen"] = False
            bump(STRUCTURE, CONTENT)
            return _read(areas, keys)
        for area in missing:
            token = found.get(KEY_PREFIX + area)
            if token is None:
                token = _new_token()
                if not cache.add(KEY_PREFIX + area, token, timeout=None):
                    token = cache.get(KEY_PREFIX + area) or token
            memo[area] = token
        values = {key: found[key] for key in keys if key in found}
    return {area: memo[area] for area in wanted}, values


def prefetch(*areas: str) -> None:
    """Read the versions of the fragments a page is about to show in one round trip (the
    home page's sections), instead of one per fragment; nothing while fragments are off."""
    if settings.FRAGMENT_CACHE_SECONDS:
        tokens(*areas)


def version_of(*areas: str) -> str:
    """A short string that changes whenever one of these areas changes."""
    return _digest(tokens(*areas))


def version_of_each(*areas: str) -> dict[str, str]:
    """`version_of(area)` of each area, all read from the shared cache in one round trip
    (a list of events asks for the version of every event shown)."""
    return version_of_each_and_get(areas, ())[0]


def version_of_each_and_get(areas, keys) -> tuple[dict[str, str], dict]:
    """`version_of_each(*areas)` and the shared cache's values under `keys`, in one round
    trip: for values stored with the version they were made under (`events.live`)."""
    found, values = _read(areas, keys)
    versions = {area: _digest({STRUCTURE: found[STRUCTURE], area: found[area]}) for area in areas}
    return versions, values


def _digest(found: dict[str, str]) -> str:
    joined = "|".join(f"{area}={found[area]}" for area in sorted(found))
    return hashlib.blake2b(joined.encode(), digest_size=10).hexdigest()


def bump(*areas: str) -> None:
    """Give these areas new versions now (no transaction handling: see `areas_changed`)."""
    _request_tokens.set(None)
    cache.set_many({KEY_PREFIX + area: _new_token() for area in areas}, timeout=None)


def areas_changed(*areas: str, content: bool = True) -> None:
    """Make the fragments of these areas stale (and, with `content`, the page cache).

    At once, and once more when the surrounding transaction commits: a request served
    between the two could have cached the old rows under the first new version."""
    areas = (*areas, CONTENT) if content else areas
    if not areas:
        return
    bump(*areas)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: bump(*areas))


def request_started(**kwargs) -> None:
    _in_request.set(True)
    _request_tokens.set(None)


def request_finished(**kwargs) -> None:
    _in_request.set(False)
    _request_tokens.set(None)
