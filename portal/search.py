"""Turning what a person typed into something every search backend accepts."""

import logging
import re
import sys

from django.db import DatabaseError, connection, transaction

logger = logging.getLogger(__name__)

QUERY_MAX_LENGTH = 200
_WORD = re.compile(r"\w+")


def cluster_errors() -> tuple:
    """What a search backend raises when Elasticsearch does not answer. Only a backend
    that uses the Elasticsearch client can raise its errors, and such a backend has
    imported it: a worker of a site without a cluster never loads it (about 20 MB)."""
    if "elasticsearch" not in sys.modules:
        return (ConnectionError,)
    from elasticsearch import ApiError, TransportError

    return (TransportError, ApiError, ConnectionError)


def display_query(raw: str) -> str:
    """The query as shown back to the person: whitespace folded, at most 200 characters."""
    return " ".join(raw.split())[:QUERY_MAX_LENGTH]


def backend_query(raw: str) -> str:
    """Only the words of the query, lower-cased.

    Quotes, brackets, `*`, `:`, `~` and upper-case AND/OR/NOT are query syntax to
    SQLite FTS5, PostgreSQL and Elasticsearch; people type them by accident, so the
    search sees words only and never a syntax error.
    """
    return " ".join(_WORD.findall(display_query(raw).lower()))


def _pages():
    from wagtail.models import Page

    return Page.objects.live().public().specific()


def site_search(words: str):
    """Live, public pages matching the words; when whole words find nothing, their
    beginnings do ("spoldz" finds "Spółdzielnia"). With Elasticsearch configured and not
    answering, the database index (kept as "database") answers instead."""
    if not words:
        return []
    try:
        return _search(words, backend="default")
    except cluster_errors():
        logger.warning("Elasticsearch did not answer; site search used the database")
        return _search(words, backend="database")


def _search(words, *, backend):
    results = _pages().search(words, backend=backend)
    if results.count():
        return results
    return _pages().autocomplete(words, backend=backend)


def suggestions(words: str, limit: int = 3) -> list:
    """ "Did you mean…": page titles similar to a query that found nothing (PostgreSQL
    trigram similarity; nothing on SQLite)."""
    if not words or connection.vendor != "postgresql":
        return []
    from modelsearch.query import Fuzzy

    try:
        with transaction.atomic():
            return list(_pages().search(Fuzzy(words, unaccent=True))[:limit])
    except (DatabaseError, *cluster_errors()):
        return []
