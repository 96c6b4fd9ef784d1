"""The news section's views: the pages route to them by name (news/models.py), so the
models import neither the selectors nor the feeds that query them."""

from django.template.response import TemplateResponse
from django.utils.functional import SimpleLazyObject

from news import feeds, selectors
from portal import versions
from portal.pagination import paginate_in_one_query
from portal.params import page_number, slug_or_404
from portal.routing import parent_of

NEWS_PER_PAGE = 10


def news_list(request, index_page):
    listing = selectors.news_listing(
        index_page,
        category_slug=request.GET.get("kategoria") and slug_or_404(request.GET["kategoria"]),
        tag_slug=request.GET.get("tag") and slug_or_404(request.GET["tag"]),
    )
    return index_page.render(
        request,
        context_overrides={
            "listing": listing,
            # Counted and fetched only when the list's cached fragment is missing (a bad
            # page number is then a 404, as before).
            "page_obj": SimpleLazyObject(
                lambda: paginate_in_one_query(request, listing.news, NEWS_PER_PAGE)
            ),
            "page_number": page_number(request.GET.get("page")),
            "categories": selectors.categories(),
        },
    )


def rss_feed(request, index_page):
    return feeds.NewsRssFeed(index_page)(request)


def atom_feed(request, index_page):
    return feeds.NewsAtomFeed(index_page)(request)


def news_detail(request, page, *args, **kwargs):
    """Wagtail's Page.serve, with the related news in the context."""
    request.is_preview = False
    versions.prefetch(f"page:{page.pk}", "news")  # its fragments' versions, one round trip
    context = page.get_context(request, *args, **kwargs)
    # Built only when the page's cached fragment is missing (its subqueries cost a fifth
    # of a request served from fragments).
    context["related_news"] = SimpleLazyObject(lambda: selectors.related_news(page))
    context["index_page"] = SimpleLazyObject(lambda: parent_of(request, page))
    return TemplateResponse(request, page.get_template(request, *args, **kwargs), context)
