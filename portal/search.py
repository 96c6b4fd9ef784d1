"""Turning what a person typed into something every search backend accepts."""

import re

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
