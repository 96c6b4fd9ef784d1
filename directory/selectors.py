"""Read-side queries of the directory."""

from dataclasses import dataclass

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag

from directory.models import Entity, LegalForm, Representative
from directory.regions import COUNTIES, COUNTY_CHOICES
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


@dataclass
class AppliedFilter:
    group: str
    label: str
    remove_url: str


def applied_filters(query: DirectoryQuery, params, path: str) -> list[AppliedFilter]:
    """Every filter of the query, each with the link that drops it (and only it).

    Shown whatever the facet counts say, so a filter that left nothing is still visible and
    can be removed.
    """

    def without(key, value):
        remaining = params.copy()
        remaining.setlist(key, [item for item in params.getlist(key) if item != value])
        remaining.pop("page", None)
        encoded = remaining.urlencode()
        return f"{path}?{encoded}" if encoded else path

    counties = dict(COUNTY_CHOICES)
    service_names = dict(Tag.objects.filter(slug__in=query.services).values_list("slug", "name"))
    filters = [
        AppliedFilter(_("Legal form"), LegalForm(value).label, without("forma", value))
        for value in query.legal_forms
    ]
    filters += [
        AppliedFilter("", counties[value], without("powiat", value))  # "powiat …" already
        for value in query.counties
    ]
    filters += [
        AppliedFilter(
            _("Services and products"), service_names.get(slug, slug), without("usluga", slug)
        )
        for slug in query.services
    ]
    if query.social_enterprise:
        filters.append(
            AppliedFilter(_("Status"), _("Social enterprise (PS) status"), without("ps", "1"))
        )
    if query.social_clauses:
        filters.append(
            AppliedFilter(_("Status"), _("Ready for social clauses"), without("klauzule", "1"))
        )
    return filters


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
