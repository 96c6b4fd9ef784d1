"""Which directory search backend answers: chosen here, so that the database backend
(`directory.search`) and the Elasticsearch one (`directory.search_es`, built on the
first's types) import each other in one direction only."""

from django.conf import settings

from directory.search import DatabaseBackend


def get_backend():
    """Elasticsearch when ELASTICSEARCH_URL is set (falling back to the database when the
    cluster does not answer), the database otherwise."""
    if settings.ELASTICSEARCH_URL:
        from directory.search_es import ElasticsearchBackend  # only a site with a cluster loads it

        return ElasticsearchBackend()
    return DatabaseBackend()
