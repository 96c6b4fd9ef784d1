"""The directory on Elasticsearch (when ELASTICSEARCH_URL is set): the index, the query
with facets as aggregations, and keeping the index in step with published profiles.

Same interface as `directory.search.DatabaseBackend` (DirectoryQuery in, DirectoryResults
out). If the cluster does not answer, searching falls back to the database and a change
to a profile is queued (`PendingIndexUpdate`) for `manage.py rebuild_directory_index`.
"""

import logging

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from elasticsearch import ApiError, TransportError
from elasticsearch.helpers import bulk
from elasticsearch_dsl import A, Boolean, Date, Document, Index, Keyword, Q, Text, connections

from directory.models import Entity, LegalForm, PendingIndexUpdate, build_search_document
from directory.regions import COUNTY_CHOICES
from directory.search import DatabaseBackend, DirectoryResults, FacetValue
from portal.elasticsearch import ANALYZER, analysis
from portal.search import backend_query
from portal.versions import areas_changed

logger = logging.getLogger(__name__)
CLUSTER_ERRORS = (TransportError, ApiError, ConnectionError)
SYNC_TIMEOUT_SECONDS = 2


class EntityDocument(Document):
    name = Text(analyzer=ANALYZER, fields={"sort": Keyword()})
    text = Text(analyzer=ANALYZER)
    legal_form = Keyword()
    county = Keyword()
    services = Keyword()
    service_names = Keyword()
    is_social_enterprise = Boolean()
    social_clauses_ready = Boolean()
    updated_at = Date()


def index_name() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}_directory"


def directory_index() -> Index:
    """The index with its Polish analysis; binds EntityDocument to it."""
    index = Index(index_name())
    index.settings(
        number_of_shards=1,
        number_of_replicas=0,
        analysis=analysis(stempel=settings.ELASTICSEARCH_STEMPEL),
    )
    index.document(EntityDocument)
    return index


def client():
    try:
        return connections.get_connection("directory")
    except KeyError:
        return connections.create_connection(
            alias="directory", hosts=[settings.ELASTICSEARCH_URL], request_timeout=5
        )


def document_of(entity: Entity) -> EntityDocument:
    services = list(entity.services.all())
    return EntityDocument(
        meta={"id": entity.pk},
        name=entity.name,
        text=build_search_document(entity),
        legal_form=entity.legal_form,
        county=entity.county,
        services=[tag.slug for tag in services],
        service_names=[tag.name for tag in services],
        is_social_enterprise=entity.is_social_enterprise,
        social_clauses_ready=entity.social_clauses_ready,
        updated_at=entity.updated_at,
    )


# --- Querying ----------------------------------------------------------------------------

FACETS = {
    # facet name -> (document field, how many values)
    "legal_form": ("legal_form", len(LegalForm.choices)),
    "county": ("county", len(COUNTY_CHOICES)),
    "service": ("services", 15),
    "social_enterprise": ("is_social_enterprise", 2),
    "social_clauses": ("social_clauses_ready", 2),
}


def _filters(query) -> dict:
    filters = {}
    if query.legal_forms:
        filters["legal_form"] = Q("terms", legal_form=query.legal_forms)
    if query.counties:
        filters["county"] = Q("terms", county=query.counties)
    if query.services:
        filters["service"] = Q("bool", filter=[Q("term", services=s) for s in query.services])
    if query.social_enterprise:
        filters["social_enterprise"] = Q("term", is_social_enterprise=True)
    if query.social_clauses:
        filters["social_clauses"] = Q("term", social_clauses_ready=True)
    return filters


def build_search(query, *, with_facets: bool = True):
    """The search for a DirectoryQuery: words over name and text (both Polish-analysed),
    facets as filters applied after the aggregations, each facet counted with the others."""
    directory_index()
    search = EntityDocument.search(using=client()).extra(track_total_hits=True)
    words = backend_query(query.text)
    if words:
        search = search.query("multi_match", query=words, fields=["name^3", "text"], operator="and")
    filters = _filters(query)
    if filters:
        search = search.post_filter("bool", filter=list(filters.values()))
    for facet, (field, size) in FACETS.items() if with_facets else ():
        others = [q for name, q in filters.items() if name != facet]
        bucket = A("filter", Q("bool", filter=others) if others else Q("match_all"))
        bucket.bucket("values", "terms", field=field, size=size)
        search.aggs.bucket(facet, bucket)
    if query.sort == "relevance" and words:
        search = search.sort("_score", "name.sort")
    elif query.sort == "-updated_at":
        search = search.sort("-updated_at", "name.sort")
    else:
        search = search.sort("name.sort")
    return search


class Hits:
    """What Django's Paginator needs: a count, and slices that fetch one page of entities
    (in the order Elasticsearch ranked them) from the database."""

    def __init__(self, search, total):
        self.search, self.total = search, total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        response = self.search[item.start : item.stop].execute()
        ids = [int(hit.meta.id) for hit in response.hits]
        found = Entity.objects.filter(pk__in=ids, live=True).select_related("logo").in_bulk()
        return [found[pk] for pk in ids if pk in found]


class ElasticsearchBackend:
    def search(self, query, *, page_number="1", paginate):
        search = build_search(query)
        try:
            response = search.extra(size=0).execute()
        except CLUSTER_ERRORS:
            logger.warning("Elasticsearch did not answer; the directory searched the database")
            return DatabaseBackend().search(query, page_number=page_number, paginate=paginate)
        counts = {
            facet: {
                str(b.key_as_string if hasattr(b, "key_as_string") else b.key): b.doc_count
                for b in response.aggregations[facet]["values"].buckets
            }
            for facet in FACETS
        }
        hits = Hits(build_search(query, with_facets=False), response.hits.total.value)
        try:
            page = paginate(hits)
        except CLUSTER_ERRORS:
            logger.warning("Elasticsearch did not answer; the directory searched the database")
            return DatabaseBackend().search(query, page_number=page_number, paginate=paginate)

        def choice(name, choices, selected):
            return [
                FacetValue(value, str(label), counts[name].get(value, 0), value in selected)
                for value, label in choices
                if counts[name].get(value) or value in selected
            ]

        def flag(name, label, selected):
            return [FacetValue("1", str(label), counts[name].get("true", 0), selected)]

        service_names = {
            tag.slug: tag.name for tag in _service_tags(list(counts["service"]) + query.services)
        }
        facets = {
            "legal_form": choice("legal_form", LegalForm.choices, query.legal_forms),
            "county": choice("county", COUNTY_CHOICES, query.counties),
            "service": [
                FacetValue(slug, service_names.get(slug, slug), number, slug in query.services)
                for slug, number in counts["service"].items()
            ],
            "social_enterprise": flag(
                "social_enterprise", _("Social enterprise (PS) status"), query.social_enterprise
            ),
            "social_clauses": flag(
                "social_clauses", _("Ready for social clauses"), query.social_clauses
            ),
        }
        return DirectoryResults(page=page, total=page.paginator.count, facets=facets)


def _service_tags(slugs):
    from taggit.models import Tag

    return Tag.objects.filter(slug__in=slugs)


# --- Keeping the index in step ---------------------------------------------------------


def entity_sync(entity_id: int) -> bool:
    """Index a live entity or remove a withdrawn one; queue it if the cluster is away."""
    try:
        entity = Entity.objects.filter(pk=entity_id).first()
        directory_index()
        es = client().options(request_timeout=SYNC_TIMEOUT_SECONDS)
        if entity is not None and entity.live:
            document_of(entity).save(using=es, index=index_name(), refresh="wait_for")
        else:
            es.options(ignore_status=404).delete(
                index=index_name(), id=entity_id, refresh="wait_for"
            )
    except CLUSTER_ERRORS:
        logger.warning("Elasticsearch did not answer; entity %s queued for indexing", entity_id)
        # The time of the latest change: a full rebuild clears only what it has covered.
        PendingIndexUpdate.objects.update_or_create(
            entity_id=entity_id, defaults={"queued_at": timezone.now()}
        )
        return False
    PendingIndexUpdate.objects.filter(entity_id=entity_id).delete()
    # Cached result lists and facets were read from the index before.
    areas_changed("directory", "search")
    return True


def rebuild(*, queue_only: bool = False) -> int:
    """Recreate the index from the live entities (or only catch up with the queue)."""
    if queue_only:
        done = 0
        for entity_id in list(PendingIndexUpdate.objects.values_list("entity_id", flat=True)):
            done += entity_sync(entity_id)
        return done
    started = timezone.now()
    index = directory_index()
    es = client()
    index.delete(using=es, ignore_unavailable=True)
    index.create(using=es)
    entities = Entity.objects.filter(live=True).prefetch_related("services")
    actions = (
        document_of(entity).to_dict(include_meta=True) | {"_index": index_name()}
        for entity in entities.iterator(chunk_size=1000)
    )
    indexed, _errors = bulk(es, actions, chunk_size=1000, refresh=True)
    # Changes queued while the rebuild read the entities may be missing from it: kept.
    PendingIndexUpdate.objects.filter(queued_at__lt=started).delete()
    areas_changed("directory", "search")
    return indexed
