"""Reading ids people (or forgers) put in URLs and forms."""

from django.http import Http404


def id_or_404(value) -> int:
    """A positive integer id from a query string or form, or a 404 ("²", "abc", "-1")."""
    text = str(value or "")
    if not (text.isascii() and text.isdigit()):
        raise Http404
    return int(text)


def id_or_none(value) -> int | None:
    try:
        return id_or_404(value)
    except Http404:
        return None
