"""The shared cache, which may go away: Redis, or this process's memory while Redis does
not answer.

A cache is a copy, so an outage must never become a server error. When a Redis call
fails (refused, timed out), the error is logged once, every call for the next
`RETRY_SECONDS` goes to a local-memory cache of this process, and then Redis is tried
again. What that means while Redis is away:
- pages render without shared fragments (`versions.tokens` knows the outage and
  gives each request versions of its own, so nothing stale is read);
- allauth's rate limits count per process instead of across processes (still limits, not
  off), and a TOTP code used in one process could be replayed once in another;
- `/health/` answers 503 (it pings Redis itself, see `shared_cache_answers`).
"""

import logging
import time

from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

_FAILOVER_ERRORS = (RedisError, OSError)


class ReusedClientRedisCache(RedisCacheClient):
    """Django's Redis client, keeping one `redis.Redis` per connection pool: Django builds
    a new one (and copies its table of response callbacks) for every cache call, about a
    third of the time of a call to a local Redis."""

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        clients = self.__dict__.setdefault("_clients", {})
        if index not in clients:
            clients[index] = super().get_client(key, write=write)
        return clients[index]


class FailoverRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS", {}))}
        self.retry_seconds = params["OPTIONS"].pop("RETRY_SECONDS", 5)
        super().__init__(server, params)
        self._class = ReusedClientRedisCache
        self._local = LocMemCache(f"failover-{server}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self._down_since = None
        self._retry_at = 0.0

    @property
    def available(self) -> bool:
        """False while this process is serving from its own memory."""
        return self._down_since is None

    def ping(self) -> bool:
        """Ask Redis itself, now (for /health/)."""
        try:
            return bool(self._cache.get_client().ping())
        except _FAILOVER_ERRORS:
            return False

    def _call(self, name, *args, **kwargs):
        if self._down_since is None or time.monotonic() >= self._retry_at:
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except _FAILOVER_ERRORS as error:
                self._went_away(error)
            else:
                self._came_back()
                return result
        return getattr(self._local, name)(*args, **kwargs)

    def _went_away(self, error) -> None:
        if self._down_since is None:
            self._down_since = time.monotonic()
            logger.error(
                "Redis does not answer (%s): this process uses its own memory as the cache "
                "and retries every %s s",
                error,
                self.retry_seconds,
            )
        self._retry_at = time.monotonic() + self.retry_seconds

    def _came_back(self) -> None:
        if self._down_since is not None:
            logger.warning("Redis answers again after %.0f s", time.monotonic() - self._down_since)
            self._down_since = None
            self._local.clear()

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self, *args, **kwargs):
        return self._call("clear", *args, **kwargs)


def shared_cache_available() -> bool:
    """Is the shared cache serving from Redis (or is it local memory anyway)?"""
    return getattr(cache, "available", True)


def shared_cache_answers() -> bool:
    """For /health/: does the configured shared cache answer right now?"""
    ping = getattr(cache, "ping", None)
    if ping is not None:
        return ping()
    cache.set("health-check", "ok", 10)
    return cache.get("health-check") == "ok"
