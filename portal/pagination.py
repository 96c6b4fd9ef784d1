"""The one pagination helper: a bad or out-of-range page number is a 404, never a 500."""

from django.core.paginator import InvalidPage, Page, Paginator
from django.db.models import Count, Window
from django.http import Http404
from django.utils.translation import gettext as _

from portal.params import id_or_404

MAX_OFFSET = 2**31  # beyond any list; larger numbers would overflow the database's OFFSET


def paginate(request, object_list, per_page: int, param: str = "page", *, count=None):
    """Return the requested page of `object_list` (a Django Page object) or raise Http404.

    The page carries `elided_page_range` for the template: the first and last page and two
    on each side of the current one, "…" for the rest (500 pages stay a short list).
    `count`: the number of items when already known (kept in a cache), else it is counted."""
    paginator = Paginator(object_list, per_page, allow_empty_first_page=True)
    if count is not None:
        paginator.count = count
    try:
        page = paginator.page(request.GET.get(param, "1"))
    except InvalidPage as exc:
        raise Http404(_("There is no such page of results.")) from exc
    return _with_page_range(page)


def paginate_in_one_query(request, queryset, per_page: int, param: str = "page", *, items=list):
    """`paginate` for a queryset in one query instead of two: each row of the page carries
    the number of all rows (`COUNT(*) OVER ()`), so nothing counts them separately. For
    lists of hundreds of rows (the news, the events), not thousands: the window reads every
    row the filters keep. `items` turns the page's rows into what the template lists."""
    number = id_or_404(request.GET.get(param, "1"))
    first = (number - 1) * per_page
    if first > MAX_OFFSET:
        raise Http404(_("There is no such page of results."))
    rows = list(queryset.annotate(rows_in_list=Window(Count("*")))[first : first + per_page])
    if not rows and number > 1:  # past the last page
        raise Http404(_("There is no such page of results."))
    paginator = Paginator(queryset, per_page, allow_empty_first_page=True)
    paginator.count = rows[0].rows_in_list if rows else 0
    return _with_page_range(Page(items(rows), number, paginator))


def _with_page_range(page):
    """The first and last page and two on each side of the current one, "…" for the rest
    (500 pages stay a short list)."""
    page.elided_page_range = list(
        page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page
