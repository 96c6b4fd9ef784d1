"""The directory's search interface: a query with facets in, a page of results with counts out.

`directory.backends.get_backend()` returns the backend in use. The database backend here
uses PostgreSQL full-text search (`Entity.search_vector`, a GIN-indexed tsvector of the
search document kept by a trigger) and plain word matching on SQLite; facet counts are
computed in SQL, each with the other facets applied, and kept in the cache until the
content changes.
The Elasticsearch backend (issue "Search that understands Polish") plugs in behind the
same `DirectoryQuery` → `DirectoryResults` interface.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.cache import caches
from django.core.paginator import Page
from django.db import connection
from django.db.models import Count, F, QuerySet
from django.utils.translation import get_language
from taggit.models import Tag

from directory.models import Entity, EntityServiceTag, LegalForm
from directory.regions import COUNTY_CHOICES
from portal.search import backend_query
from portal.versions import version_of

PER_PAGE = 20
TEXT_SEARCH_CONFIG = "polish_unaccent"  # made by the migration portal/0005
SORTS = ("name", "-updated_at", "relevance")
SERVICE_FACET_SIZE = 15


@dataclass
class DirectoryQuery:
    text: str = ""
    legal_forms: list[str] = field(default_factory=list)
    counties: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)
    social_enterprise: bool = False
    social_clauses: bool = False
    sort: str = "name"

    @property
    def cache_key(self) -> str:
        """A short, stable name of this query for cache keys."""
        return hashlib.sha256(repr(self).encode()).hexdigest()


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class DirectoryResults:
    page: Page
    total: int
    facets: dict[str, list[FacetValue]]


class DatabaseBackend:
    def base_queryset(self) -> QuerySet:
        return Entity.objects.filter(live=True)

    def _text_filter(self, queryset, text):
        words = backend_query(text)
        if not words:
            return queryset
        if connection.vendor == "postgresql":
            query = SearchQuery(words, config=TEXT_SEARCH_CONFIG, search_type="plain")
            return queryset.filter(search_vector=query)
        for word in words.split():
            queryset = queryset.filter(search_document__icontains=word)
        return queryset

    def _filtered(self, query: DirectoryQuery, *, skip: str = ""):
        queryset = self._text_filter(self.base_queryset(), query.text)
        if query.legal_forms and skip != "legal_form":
            queryset = queryset.filter(legal_form__in=query.legal_forms)
        if query.counties and skip != "county":
            queryset = queryset.filter(county__in=query.counties)
        if query.services and skip != "service":
            for slug in query.services:
                queryset = queryset.filter(service_items__tag__slug=slug)
        if query.social_enterprise and skip != "social_enterprise":
            queryset = queryset.filter(is_social_enterprise=True)
        if query.social_clauses and skip != "social_clauses":
            queryset = queryset.filter(social_clauses_ready=True)
        return queryset

    def _ordered(self, queryset, query: DirectoryQuery):
        if query.sort == "relevance" and backend_query(query.text):
            if connection.vendor == "postgresql":
                text = SearchQuery(backend_query(query.text), config=TEXT_SEARCH_CONFIG)
                return queryset.annotate(rank=SearchRank(F("search_vector"), text)).order_by(
                    "-rank", "name"
                )
        if query.sort == "-updated_at":
            return queryset.order_by("-updated_at", "name")
        return queryset.order_by("name", "pk")

    def _choice_facet(self, query, name, field_name, choices, selected):
        counts = dict(
            self._filtered(query, skip=name)
            .order_by()
            .values_list(field_name)
            .annotate(number=Count("pk", distinct=True))
        )
        return [
            FacetValue(value, str(label), counts.get(value, 0), value in selected)
            for value, label in choices
            if counts.get(value) or value in selected
        ]

    def _flag_facet(self, query, name, field_name, label, selected):
        number = self._filtered(query, skip=name).filter(**{field_name: True}).count()
        return [FacetValue("1", label, number, selected)]

    def _service_facet(self, query):
        entities = self._filtered(query, skip="service").values("pk")
        rows = (
            EntityServiceTag.objects.filter(content_object__in=entities)
            .values_list("tag__slug", "tag__name")
            .annotate(number=Count("content_object"))  # one row per entity and tag
            .order_by("-number", "tag__name")[:SERVICE_FACET_SIZE]
        )
        shown = [FacetValue(slug, name, n, slug in query.services) for slug, name, n in rows]
        # A chosen service stays a ticked box even when nothing is left with it, so that
        # applying the other filters again does not drop it silently.
        missing = set(query.services) - {value.value for value in shown}
        if missing:
            names = dict(Tag.objects.filter(slug__in=missing).values_list("slug", "name"))
            shown += [FacetValue(slug, names.get(slug, slug), 0, True) for slug in sorted(missing)]
        return shown

    def search(self, query: DirectoryQuery, *, page_number="1", paginate) -> DirectoryResults:
        results = (
            self._ordered(self._filtered(query), query)
            .select_related("logo")
            .defer("search_document", "search_vector", "description", "areas_of_activity")
        )
        # Counted once per query until the directory changes, as the facets are: a text
        # query's count is a full-text match over the whole directory.
        key = f"directory-count:v{version_of('directory')}:{query.cache_key}"
        count = caches["fragments"].get(key)
        page = paginate(results, count)
        if count is None:
            caches["fragments"].set(key, page.paginator.count, settings.FRAGMENT_CACHE_SECONDS)
        return DirectoryResults(page=page, total=page.paginator.count, facets=self.facets(query))

    def facets(self, query: DirectoryQuery) -> dict[str, list[FacetValue]]:
        """The facet counts of a query: five GROUP BY/COUNT queries over the whole directory
        (40 ms at 10,000 entities), so kept per query until the content version changes."""
        key = f"directory-facets:v{version_of('directory')}:{get_language()}:{query.cache_key}"
        facets = caches["fragments"].get(key)
        if facets is None:
            facets = self._count_facets(query)
            caches["fragments"].set(key, facets, settings.FRAGMENT_CACHE_SECONDS)
        return facets

    def _count_facets(self, query: DirectoryQuery) -> dict[str, list[FacetValue]]:
        from django.utils.translation import gettext_lazy as _

        return {
            "legal_form": self._choice_facet(
                query, "legal_form", "legal_form", LegalForm.choices, query.legal_forms
            ),
            "county": self._choice_facet(query, "county", "county", COUNTY_CHOICES, query.counties),
            "service": self._service_facet(query),
            "social_enterprise": self._flag_facet(
                query,
                "social_enterprise",
                "is_social_enterprise",
                _("Social enterprise (PS) status"),
                query.social_enterprise,
            ),
            "social_clauses": self._flag_facet(
                query,
                "social_clauses",
                "social_clauses_ready",
                _("Ready for social clauses"),
                query.social_clauses,
            ),
        }
