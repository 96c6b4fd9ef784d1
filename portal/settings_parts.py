"""The larger, environment-free blocks of portal/settings.py.

settings.py stays the one settings module and reads every environment variable itself;
it passes what it read to these builders, which only lay out the dictionaries.
"""

from csp.constants import NONE, SELF


def caches(*, redis_url: str, timeout: float, retry_seconds: int) -> dict:
    """The default cache (Redis with failover, or local memory) and the per-process ones."""
    if redis_url:
        default = {
            "BACKEND": "portal.cache.FailoverRedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "owes",
            "OPTIONS": {
                "socket_connect_timeout": timeout,
                "socket_timeout": timeout,
                "RETRY_SECONDS": retry_seconds,
            },
        }
    else:
        default = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {
        "default": default,
        # Fragments, routes and facet counts (portal/fragments.py): every key carries the
        # content version read from the default cache, so a key never changes meaning and
        # each process may keep its own copy — no network round trip per fragment.
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "OPTIONS": {"MAX_ENTRIES": 3000},
        },
        # Wagtail's rendition lookups (an image's resized copies): per process, so an
        # image tag costs no network round trip (Wagtail writes a rendition back to its
        # cache each time `{% image %}` reads it). A key carries the image's file hash and
        # focal point, so a replaced image or a moved focal point is a new key; an hour
        # bounds how long a process may remember a rendition regenerated under the same key.
        "renditions": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "renditions",
            "TIMEOUT": 3600,
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
        # Whole pages too are kept per process under versioned keys (one Redis round trip
        # per request: the version), at most 1,000 of them (about 25 MB).
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 1000},
        },
    }


def content_security_policy() -> dict:
    """No inline scripts or styles on the public site and intranet; the Wagtail admin
    (which relies on inline scripts) is excluded."""
    return {
        "EXCLUDE_URL_PREFIXES": ["/admin/"],
        "DIRECTIVES": {
            "default-src": [SELF],
            "script-src": [SELF],
            "style-src": [SELF],
            "img-src": [SELF, "data:"],
            "font-src": [SELF],
            "connect-src": [SELF],
            "frame-src": [
                "https://www.youtube-nocookie.com",
                "https://www.youtube.com",
                "https://player.vimeo.com",
            ],
            "form-action": [SELF],
            "frame-ancestors": [NONE],
            "base-uri": [SELF],
            "object-src": [NONE],
        },
    }


def logging_config(*, log_format: str, level: str) -> dict:
    """Console logging (plain, or one JSON object per line); server errors also to ADMINS."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
            # LOG_FORMAT=json: one JSON object per line (for journald, Loki, ELK…).
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(module)s %(lineno)d",
                "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
            },
        },
        "handlers": {
            "console": {"class": "logging.StreamHandler", "formatter": log_format},
            "mail_admins": {"class": "django.utils.log.AdminEmailHandler", "level": "ERROR"},
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django_tasks": {"handlers": ["console"], "level": "WARNING", "propagate": False},
            "post_office": {"handlers": ["console"], "level": "WARNING", "propagate": False},
            "django.request": {
                "handlers": ["console", "mail_admins"],
                "level": "ERROR",
                "propagate": False,
            },
        },
    }
