"""The one pagination helper: a bad or out-of-range page number is a 404, never a 500."""

from django.core.paginator import InvalidPage, Paginator
from django.http import Http404
from django.utils.translation import gettext as _


def paginate(request, object_list, per_page: int, param: str = "page", *, count=None):
    """Return the requested page of `object_list` (a Django Page object) or raise Http404.

    The page carries `elided_page_range` for the template: the first and last page and two
    on each side of the current one, "…" for the rest (500 pages stay a short list).
    `count`: the number of items when already known (kept in a cache), else it is counted."""
    paginator = Paginator(object_list, per_page, allow_empty_first_page=True)
    if count is not None:
        paginator.count = count
    raw = request.GET.get(param, "1")
    try:
        page = paginator.page(raw)
    except InvalidPage as exc:
        raise Http404(_("There is no such page of results.")) from exc
    page.elided_page_range = list(
        paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
    )
    return page
