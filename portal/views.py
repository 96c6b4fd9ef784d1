import logging

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from portal import search as search_query
from portal.pagination import paginate
from portal.params import text

SEARCH_RESULTS_PER_PAGE = 10
logger = logging.getLogger(__name__)


@require_GET
def search(request):
    """Site search over every live, public page type."""
    raw_query = text(request.GET.get("q"), max_length=1000)
    query = search_query.display_query(raw_query)
    words = search_query.backend_query(raw_query)
    results_page, suggestions = None, []
    if query:
        # Both are computed only when the results' cached fragment is missing.
        results_page = SimpleLazyObject(
            lambda: paginate(request, search_query.site_search(words), SEARCH_RESULTS_PER_PAGE)
        )
        suggestions = SimpleLazyObject(
            lambda: [] if results_page.paginator.count else search_query.suggestions(words)
        )
    return TemplateResponse(
        request,
        "portal/search.html",
        {
            "search_query": query,
            "suggestions": suggestions,
            "query_was_shortened": len(" ".join(raw_query.split())) > search_query.QUERY_MAX_LENGTH,
            "page_obj": results_page,
        },
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /konto/",
        "Disallow: /intranet/",
        "Disallow: /szukaj/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def health(request):
    """200 when every configured service answers, 503 otherwise; one line per service
    (`database: ok`, `cache: unavailable`, ...), deliberately without error details."""
    from django.db import connection

    from portal.cache import shared_cache_answers

    def database():
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True

    checks = {"database": database, "cache": shared_cache_answers}
    if settings.ELASTICSEARCH_URL:
        checks["search"] = _search_cluster_answers
    answers = {}
    for name, check in checks.items():
        try:
            answers[name] = bool(check())
        except Exception:  # noqa: BLE001 - whatever a client raises: unavailable, never a 500
            logger.warning("Health check: %s does not answer", name, exc_info=True)
            answers[name] = False
    body = "".join(f"{name}: {'ok' if up else 'unavailable'}\n" for name, up in answers.items())
    response = HttpResponse(
        body, status=200 if all(answers.values()) else 503, content_type="text/plain"
    )
    response["Cache-Control"] = "no-store"
    return response


def _search_cluster_answers() -> bool:
    """True without Elasticsearch; with it, whether the cluster answers within 2 s."""
    from elasticsearch import Elasticsearch

    client = Elasticsearch(settings.ELASTICSEARCH_URL, request_timeout=2, max_retries=0)
    try:
        return bool(client.ping())
    finally:
        client.close()


@never_cache
def trivial(request):
    """The benchmark's ceiling: a view doing nothing, served through the same stack
    (never from the page cache, so it measures the full middleware chain)."""
    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """Render the 500 page without a request context (nothing that could fail again)."""
    from django.template import loader

    template = loader.get_template("500.html")
    return HttpResponse(template.render({"site_name": settings.WAGTAIL_SITE_NAME}), status=500)
