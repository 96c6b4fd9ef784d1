"""Turning what a person typed into something every search backend accepts."""

import re

from django.db import DatabaseError, connection, transaction

QUERY_MAX_LENGTH = 200
_WORD = re.compile(r"\w+")


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
    beginnings do ("spoldz" finds "Spółdzielnia")."""
    if not words:
        return []
    results = _pages().search(words)
    if results.count():
        return results
    return _pages().autocomplete(words)


def suggestions(words: str, limit: int = 3) -> list:
    """ "Did you mean…": page titles similar to a query that found nothing (PostgreSQL
    trigram similarity; nothing on SQLite)."""
    if not words or connection.vendor != "postgresql":
        return []
    from modelsearch.query import Fuzzy

    try:
        with transaction.atomic():
            return list(_pages().search(Fuzzy(words, unaccent=True))[:limit])
    except DatabaseError:
        return []
