"""Whole-page cache for anonymous visitors, built on Django's cache middleware.

- Only anonymous GET/HEAD requests are served from or stored in the cache; logged-in
  people always get a freshly rendered page (their pages are also sent `private`).
- Responses that set a cookie are never stored.
- A visitor's cookies do not make a page of their own: the cache key ignores them, as
  only a session or messages waiting can change what an anonymous visitor sees, and a
  request carrying either is neither served from nor stored in the cache. So someone who
  has the CSRF cookie of a sign-up form still gets the shared pages.
- Every key carries the CONTENT version (`portal.versions`); publishing or changing
  anything the public sees replaces it, so no stale page outlives a change on the server.
  A sign-up does not: place counts and registration states are filled into every
  response, cached or not, by `portal.live.LiveSlotMiddleware`. So is the CSRF token of
  an event's sign-up form (`portal.live.CSRF_SLOT`): the stored page holds a marker, the
  answer its visitor's token and cookie, and browsers keep none of it. Browsers and a
  CDN may keep other pages for PAGE_CACHE_SECONDS (`Cache-Control: max-age`), or
  less when the page says so: a series' page, which lists its dates to come, until the
  first of them ends.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.middleware import cache as django_cache
from django.utils.cache import patch_cache_control

from portal import versions
from portal.cache import shared_cache_available

_key_prefix = ContextVar("page_cache_key_prefix", default="")


def _enabled() -> bool:
    return settings.PAGE_CACHE_SECONDS > 0


def _personal(request) -> bool:
    """A cookie of a session or of messages waiting: the page may show what is theirs."""
    return settings.SESSION_COOKIE_NAME in request.COOKIES or (
        CookieStorage.cookie_name in request.COOKIES
    )


@contextmanager
def _cookies_ignored(request):
    """Django keys a page by the headers it varies on; ours by everything but Cookie."""
    cookie = request.META.pop("HTTP_COOKIE", None)
    try:
        yield
    finally:
        if cookie is not None:
            request.META["HTTP_COOKIE"] = cookie


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
        if not _enabled() or response.cookies:  # a cookie is for its visitor only
            return response
        with _cookies_ignored(request):
            return super().process_response(request, response)


class FetchFromCacheMiddleware(_VersionedPrefix, django_cache.FetchFromCacheMiddleware):
    def process_request(self, request):
        if not _enabled() or request.user.is_authenticated or _personal(request):
            request._cache_update_cache = False
            return None
        version = versions.version_of(versions.CONTENT)
        if not shared_cache_available():
            request._cache_update_cache = False  # see _shared_version
            return None
        _key_prefix.set(f"{settings.CACHE_MIDDLEWARE_KEY_PREFIX}:v{version}")
        with _cookies_ignored(request):
            return super().process_request(request)
