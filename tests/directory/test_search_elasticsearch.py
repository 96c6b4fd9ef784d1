"""The Elasticsearch side of search: the mappings and the query builder on their own, what
happens when the cluster does not answer, and — whenever ELASTICSEARCH_URL is set — the same
Polish behaviour cases the PostgreSQL backend passes.

No Elasticsearch server runs on the CI machine; the cluster-down tests point at a closed
port of 127.0.0.1 (nothing leaves the machine).
"""

import io
import os

import pytest
from django.core.management import CommandError, call_command
from django.core.paginator import Paginator
from django.urls import reverse

from directory import search_es
from directory.models import PendingIndexUpdate
from directory.search import DirectoryQuery
from portal.elasticsearch import analysis, wagtail_backend
from tests.factories.directory import EntityFactory

CLOSED_PORT = "http://127.0.0.1:9"


@pytest.fixture(autouse=True)
def _fresh_cluster_connection():
    """Each test builds its own client (the URL differs between tests)."""
    from elasticsearch_dsl import connections

    yield
    try:
        connections.remove_connection("directory")
    except KeyError:
        pass


@pytest.fixture
def index_sync():
    """The after-commit index sync, connected for this test only."""
    from directory import signals

    signals.connect()
    yield
    signals.disconnect()


@pytest.fixture
def stempel(settings):
    settings.ELASTICSEARCH_STEMPEL = True
    settings.ELASTICSEARCH_INDEX_PREFIX = "owes"


def test_the_polish_analyzer_stems_after_folding_when_the_cluster_has_stempel():
    assert analysis(stempel=True)["analyzer"]["polish_folded"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "folding", "polish_stop", "polish_stem"],
    }
    assert analysis(stempel=True)["filter"]["folding"] == {
        "type": "asciifolding",
        "preserve_original": True,
    }
    # Without the plugin: still case- and accent-insensitive.
    assert analysis(stempel=False)["analyzer"]["polish_folded"]["filter"] == [
        "lowercase",
        "folding",
    ]


def test_pages_use_wagtails_elasticsearch_backend_with_the_polish_default_analyzer():
    backend = wagtail_backend(url="http://es:9200", stempel=True, index_prefix="owes")
    assert backend["BACKEND"] == "wagtail.search.backends.elasticsearch8"
    assert backend["INDEX"] == "owes_pages"
    default = backend["INDEX_SETTINGS"]["settings"]["analysis"]["analyzer"]["default"]
    assert default["filter"][-1] == "polish_stem"


def test_the_directory_index_maps_text_with_the_polish_analyzer(stempel):
    index = search_es.directory_index().to_dict()
    assert index["settings"]["analysis"]["analyzer"]["polish_folded"]["filter"][-1] == (
        "polish_stem"
    )
    properties = index["mappings"]["properties"]
    assert properties["name"] == {
        "type": "text",
        "analyzer": "polish_folded",
        "fields": {"sort": {"type": "keyword"}},
    }
    assert properties["text"] == {"type": "text", "analyzer": "polish_folded"}
    assert properties["legal_form"] == {"type": "keyword"}
    assert properties["is_social_enterprise"] == {"type": "boolean"}


def test_the_query_counts_each_facet_with_the_other_facets_applied(stempel, settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    query = DirectoryQuery(
        text="Spółdzielnie socjalne!",
        legal_forms=["social_cooperative"],
        counties=["gorzowski"],
        sort="relevance",
    )
    body = search_es.build_search(query).to_dict()
    assert body["query"] == {
        "multi_match": {
            "query": "spółdzielnie socjalne",
            "fields": ["name^3", "text"],
            "operator": "and",
        }
    }
    legal_form = {"terms": {"legal_form": ["social_cooperative"]}}
    county = {"terms": {"county": ["gorzowski"]}}
    assert body["post_filter"] == {"bool": {"filter": [legal_form, county]}}
    assert body["aggs"]["legal_form"]["filter"] == {"bool": {"filter": [county]}}
    assert body["aggs"]["county"]["filter"] == {"bool": {"filter": [legal_form]}}
    assert body["aggs"]["service"]["filter"] == {"bool": {"filter": [legal_form, county]}}
    assert body["aggs"]["legal_form"]["aggs"]["values"]["terms"]["field"] == "legal_form"
    assert body["sort"] == ["_score", "name.sort"]
    assert body["track_total_hits"] is True


def test_an_empty_query_lists_everything_by_name(stempel, settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    body = search_es.build_search(DirectoryQuery()).to_dict()
    assert "query" not in body and "post_filter" not in body
    assert body["sort"] == ["name.sort"]


@pytest.mark.django_db
def test_with_the_cluster_down_profiles_still_save_and_are_queued(
    settings, django_capture_on_commit_callbacks, index_sync
):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    with django_capture_on_commit_callbacks(execute=True):
        entity = EntityFactory(name="Spółdzielnia Socjalna Pod Lipami")
    assert entity.pk
    assert PendingIndexUpdate.objects.filter(entity_id=entity.pk).exists()

    with pytest.raises(CommandError, match="did not answer"):
        call_command("rebuild_directory_index", "--queue", stdout=io.StringIO())
    assert PendingIndexUpdate.objects.filter(entity_id=entity.pk).exists()


@pytest.mark.django_db
def test_a_profile_changed_again_while_queued_is_queued_as_of_its_latest_change(
    settings, django_capture_on_commit_callbacks, index_sync
):
    """A full rebuild clears only the entries queued before it began; a later change must
    therefore move its entry's time forward."""
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    with django_capture_on_commit_callbacks(execute=True):
        entity = EntityFactory(name="Spółdzielnia Socjalna Pod Lipami")
    first = PendingIndexUpdate.objects.get(entity_id=entity.pk).queued_at

    entity.phone = "95 000 00 01"
    with django_capture_on_commit_callbacks(execute=True):
        entity.save()

    assert PendingIndexUpdate.objects.get(entity_id=entity.pk).queued_at > first


@pytest.mark.django_db
def test_with_the_cluster_down_the_directory_answers_from_the_database(client, settings):
    settings.ELASTICSEARCH_URL = CLOSED_PORT
    EntityFactory(name="Spółdzielnia Socjalna Pod Lipami", legal_form="social_cooperative")
    response = client.get(reverse("directory:list"), {"q": "lipami", "forma": "social_cooperative"})
    assert response.status_code == 200
    assert "Spółdzielnia Socjalna Pod Lipami" in response.content.decode()


def test_rebuild_says_when_elasticsearch_is_not_configured(settings):
    settings.ELASTICSEARCH_URL = ""
    with pytest.raises(CommandError, match="ELASTICSEARCH_URL is not set"):
        call_command("rebuild_directory_index")


# --- The behaviour suite against a real cluster ----------------------------------------

DIRECTORY_CASES = [
    ("spoldzielnie socjalne", "Spółdzielnia Socjalna Smaki Lubuskie"),
    ("spółdzielni", "Spółdzielnia Socjalna Smaki Lubuskie"),
    ("fundacji", "Fundacja Otwarte Drzwi"),
    ("fundacje gorzow", "Fundacja Otwarte Drzwi"),
    ("cateringu", "Spółdzielnia Socjalna Smaki Lubuskie"),
    ("szwalni", "Fundacja Otwarte Drzwi"),
]

needs_cluster = pytest.mark.skipif(
    not os.environ.get("ELASTICSEARCH_URL"),
    reason="runs against Elasticsearch whenever ELASTICSEARCH_URL is set",
)


@needs_cluster
@pytest.mark.django_db
@pytest.mark.parametrize(("text", "expected"), DIRECTORY_CASES, ids=[c[0] for c in DIRECTORY_CASES])
def test_elasticsearch_finds_entities_the_way_people_ask(settings, text, expected):
    EntityFactory(
        name="Spółdzielnia Socjalna Smaki Lubuskie",
        town="Świebodzin",
        areas_of_activity="catering, obiady dla szkół",
    )
    EntityFactory(
        name="Fundacja Otwarte Drzwi",
        legal_form="foundation",
        town="Gorzów Wielkopolski",
        county="gorzowski",
        commune="Kłodawa",
        areas_of_activity="szwalnia, pralnia",
    )
    search_es.rebuild()
    results = search_es.ElasticsearchBackend().search(
        DirectoryQuery(text=text, sort="relevance"),
        paginate=lambda hits: Paginator(hits, 20).page(1),
    )
    assert expected in [entity.name for entity in results.page.object_list[:3]]
