"""Whole-page cache for anonymous visitors, built on Django's cache middleware.

- Only anonymous GET/HEAD requests are served from or stored in the cache; logged-in
  people always get a freshly rendered page (their pages are also sent `private`).
- Responses that set a cookie for a cookie-less request (e.g. the CSRF cookie of a page
  with a sign-up form) are never stored — Django's rule — so forms keep working.
- Every key carries a content version; publishing or changing anything the public sees
  bumps it (`content_changed`), so no stale page outlives a change on the server. Browsers
  and a CDN may keep a page for PAGE_CACHE_SECONDS (`Cache-Control: max-age`).
"""

import time
import uuid
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware import cache as django_cache
from django.utils.cache import patch_cache_control

from portal.cache import shared_cache_available

VERSION_KEY = "page-cache:content-version"
_key_prefix = ContextVar("page_cache_key_prefix", default="")


def _fresh_version() -> int:
    """A version no earlier one can equal, even after the cache lost its data (a Redis
    restart): the time in milliseconds, far above any earlier version plus its increments.
    Processes keep fragments under versioned keys (portal/fragments.py), so this matters."""
    return int(time.time() * 1000)


# Read once per request (the routing, the fragments and the facets all ask for it).
_request_version = ContextVar("content_version_of_this_request", default=None)


def content_version() -> int | str:
    version = _request_version.get()
    if version is None:
        version = _shared_version()
        if _in_request.get():
            _request_version.set(version)
    return version


# Did this process see the shared cache away? Then changes made meanwhile were counted in
# its own memory only, so the shared version moves on once Redis answers again.
_outage = {"seen": False}


def _shared_version() -> int | str:
    version = cache.get_or_set(VERSION_KEY, _fresh_version, timeout=None)
    if not shared_cache_available():
        # Redis is away (portal/cache.py): a version no other request has, so no fragment
        # or page is read from a cache that may have missed a change.
        _outage["seen"] = True
        return f"outage-{uuid.uuid4().hex}"
    if _outage["seen"]:
        _outage["seen"] = False
        _bump()
        version = cache.get_or_set(VERSION_KEY, _fresh_version, timeout=None)
    return version


_in_request = ContextVar("handling_a_request", default=False)


def request_started(**kwargs) -> None:
    _in_request.set(True)
    _request_version.set(None)


def request_finished(**kwargs) -> None:
    _in_request.set(False)
    _request_version.set(None)


def content_changed(*args, **kwargs) -> None:
    """Make every cached page and fragment stale (cheap: one increment in the cache).

    At once, and once more when the surrounding transaction commits: a request served
    between the two could have cached the old rows under the first new version."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _bump() -> None:
    _request_version.set(None)
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, _fresh_version(), timeout=None)


def _enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


class _VersionedPrefix:
    @property
    def key_prefix(self):
        return _key_prefix.get()

    @key_prefix.setter
    def key_prefix(self, value):
        """Django sets a fixed prefix at start-up; ours is per request (see above)."""

    @property
    def cache_timeout(self):
        return settings.PAGE_CACHE_SECONDS

    @cache_timeout.setter
    def cache_timeout(self, value):
        """Read from settings on every request."""


class UpdateCacheMiddleware(_VersionedPrefix, django_cache.UpdateCacheMiddleware):
    def process_response(self, request, response):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, private=True)
            return response
        if not _enabled():
            return response
        return super().process_response(request, response)


class FetchFromCacheMiddleware(_VersionedPrefix, django_cache.FetchFromCacheMiddleware):
    def process_request(self, request):
        if not _enabled() or request.user.is_authenticated:
            request._cache_update_cache = False
            return None
        version = content_version()
        if not shared_cache_available():
            request._cache_update_cache = False  # see _shared_version
            return None
        _key_prefix.set(f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}:v{version}")
        return super().process_request(request)
