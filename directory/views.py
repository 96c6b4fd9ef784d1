from django.conf import settings
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from directory import selectors
from directory.backends import get_backend
from directory.regions import COUNTY_CHOICES
from directory.search import PER_PAGE
from portal.exports import spreadsheet_response
from portal.pagination import paginate
from portal.search import display_query

OPEN_DATA_FIELDS = [
    "name",
    "short_name",
    "legal_form",
    "is_social_enterprise",
    "social_enterprise_since",
    "krs",
    "nip",
    "regon",
    "county",
    "commune",
    "street",
    "postcode",
    "town",
    "website",
    "phone",
    "email",
    "year_founded",
    "social_clauses_ready",
    "services",
    "updated_at",
    "url",
]


@require_GET
def entity_list(request):
    query = selectors.parse_query(request.GET)
    results = get_backend().search(
        query,
        paginate=lambda found, count=None: paginate(request, found, PER_PAGE, count=count),
    )
    return TemplateResponse(
        request,
        "directory/entity_list.html",
        {
            "query": query,
            "search_query": display_query(query.text),
            "results": results,
            "page_obj": results.page,
            "county_choices": COUNTY_CHOICES,
            "applied_filters": selectors.applied_filters(query, request.GET, request.path),
        },
    )


@require_GET
def entity_detail(request, slug):
    entity = selectors.published_entity(slug)
    return TemplateResponse(
        request,
        "directory/entity_detail.html",
        {
            "entity": entity,
            **selectors.profile_extras(entity),
            "social_enterprise_register_url": settings.SOCIAL_ENTERPRISE_REGISTER_URL,
        },
    )


def _open_data_rows(request):
    for entity in selectors.open_data_entities():
        yield {
            "name": entity.name,
            "short_name": entity.short_name,
            "legal_form": entity.get_legal_form_display(),
            "is_social_enterprise": entity.is_social_enterprise,
            "social_enterprise_since": entity.social_enterprise_since.isoformat()
            if entity.social_enterprise_since
            else "",
            "krs": entity.krs,
            "nip": entity.nip,
            "regon": entity.regon,
            "county": entity.get_county_display(),
            "commune": entity.commune,
            "street": entity.street,
            "postcode": entity.postcode,
            "town": entity.town,
            "website": entity.website,
            "phone": entity.phone,
            # The entity's own contact address (an organisation's, not a private person's).
            "email": entity.email,
            "year_founded": entity.year_founded or "",
            "social_clauses_ready": entity.social_clauses_ready,
            "services": ", ".join(tag.name for tag in entity.services.all()),
            "updated_at": entity.updated_at.isoformat(),
            "url": request.build_absolute_uri(entity.get_absolute_url()),
        }


@require_GET
def export_csv(request):
    rows = ([row[field] for field in OPEN_DATA_FIELDS] for row in _open_data_rows(request))
    response = spreadsheet_response(
        OPEN_DATA_FIELDS, rows, file_format="csv", filename="katalog-pes"
    )
    del response["Cache-Control"]  # public open data
    return response


@require_GET
def export_json(request):
    return JsonResponse(
        {"entities": list(_open_data_rows(request))},
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
