"""Read-side queries of the directory."""

from django.http import Http404

from directory.models import Entity, LegalForm
from directory.regions import COUNTIES
from directory.search import SORTS, DirectoryQuery


def parse_query(params) -> DirectoryQuery:
    """A directory query from the URL; unknown facet values are a 404, never a 500."""
    legal_forms = params.getlist("forma")
    counties = params.getlist("powiat")
    if any(value not in LegalForm.values for value in legal_forms):
        raise Http404("Unknown legal form")
    if any(value not in COUNTIES for value in counties):
        raise Http404("Unknown county")
    sort = params.get("sortuj", "name")
    if sort not in SORTS:
        raise Http404("Unknown sort order")
    return DirectoryQuery(
        text=params.get("q", ""),
        legal_forms=legal_forms,
        counties=counties,
        services=[slug[:100] for slug in params.getlist("usluga")][:10],
        social_enterprise=params.get("ps") == "1",
        social_clauses=params.get("klauzule") == "1",
        sort=sort,
    )


def published_entity(slug: str) -> Entity:
    entity = (
        Entity.objects.filter(live=True, slug=slug)
        .select_related("logo")
        .prefetch_related("services")
        .first()
    )
    if entity is None:
        raise Http404("No such entity")
    return entity


def open_data_entities():
    return Entity.objects.filter(live=True).prefetch_related("services").order_by("name")


def recently_updated_entities(limit: int = 3):
    return Entity.objects.filter(live=True).order_by("-updated_at", "pk")[:limit]
