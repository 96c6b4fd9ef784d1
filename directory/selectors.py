"""Read-side queries of the directory."""

from django.http import Http404

from directory.models import Entity, LegalForm, Representative
from directory.regions import COUNTIES
from directory.search import SORTS, DirectoryQuery
from portal.params import slug_or_404, text


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
        text=text(params.get("q"), 1000),
        legal_forms=legal_forms,
        counties=counties,
        services=[slug_or_404(slug) for slug in params.getlist("usluga")[:10]],
        social_enterprise=params.get("ps") == "1",
        social_clauses=params.get("klauzule") == "1",
        sort=sort,
    )


def published_entity(slug: str) -> Entity:
    entity = (
        Entity.objects.filter(live=True, slug=slug)
        .select_related("logo")
        .defer("search_document", "search_vector")
        .first()
    )
    if entity is None:
        raise Http404("No such entity")
    return entity


def profile_extras(entity) -> dict:
    """The profile's photos and services, queried only when its cached fragment is missing."""
    return {
        "photos": entity.photos.select_related("image"),
        "services": entity.services.all(),
    }


def open_data_entities():
    return Entity.objects.filter(live=True).prefetch_related("services").order_by("name")


def recently_updated_entities(limit: int = 3):
    return (
        Entity.objects.filter(live=True)
        .only("name", "slug", "town", "updated_at")
        .order_by("-updated_at")[:limit]
    )


def entities_editable_by(user):
    """The one rule of who may edit an entity: its approved representatives."""
    if not user.is_authenticated:
        return Entity.objects.none()
    return Entity.objects.filter(
        representatives__user=user, representatives__status=Representative.Status.APPROVED
    ).distinct()


def approved_representatives(entity):
    """Who speaks for an entity: its approved representatives (with their users)."""
    return entity.representatives.filter(status=Representative.Status.APPROVED).select_related(
        "user"
    )


def representations_of(user):
    return Representative.objects.filter(user=user).select_related("entity")


def pending_representation_requests():
    return Representative.objects.filter(status=Representative.Status.PENDING).select_related(
        "user", "entity"
    )
