"""Text helpers every app uses, written once."""

from anyascii import anyascii
from django.utils.text import slugify


def slug_for(text: str, *, max_length: int = 100, fallback: str = "") -> str:
    """An ASCII slug that keeps Polish letters readable: "Łąka Spółdzielnia" becomes
    "laka-spoldzielnia" (Django's slugify alone drops ł and turns ą into a)."""
    return slugify(anyascii(text))[:max_length].strip("-") or fallback


def unique_slug(text: str, *, taken, max_length: int = 100, fallback: str = "") -> str:
    """`slug_for(text)`, with -2, -3… appended while `taken(slug)` says it is in use."""
    base = slug_for(text, max_length=max_length, fallback=fallback)
    slug, number = base, 2
    while taken(slug):
        slug, number = f"{base}-{number}", number + 1
    return slug
