from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from portal import routing, views

handler500 = "portal.views.server_error"

urlpatterns = [
    # The admin signs in through allauth too: one login form, one set of rate limits, 2FA.
    path(
        "admin/login/",
        RedirectView.as_view(pattern_name="account_login", query_string=True),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("dokumenty/", include(wagtaildocs_urls)),
    path("konto/", include("allauth.urls")),
    path("", include("feedback.urls")),  # /ankieta/<token>/ and /intranet/kadra/ankiety/
    path("intranet/kadra/wydarzenia/", include("events.urls")),
    path("intranet/kadra/katalog/", include("directory.staff_urls")),
    path("intranet/kadra/rekrutacja/", include("intranet.enrolment.staff_urls")),
    path("intranet/kadra/konsultacje/", include("intranet.consultations.staff_urls")),
    path("intranet/kadra/sciezki/", include("intranet.support.urls")),
    path("intranet/katalog/", include("directory.intranet_urls")),
    path("intranet/rekrutacja/", include("intranet.enrolment.urls")),
    path("intranet/konsultacje/", include("intranet.consultations.urls")),
    path("intranet/", include("intranet.indicators.urls")),
    path("intranet/", include("intranet.grants.urls")),
    path("intranet/", include("intranet.urls")),
    path("katalog/", include("directory.urls")),
    path("zaswiadczenia/", include("events.certificate_urls")),
    path("szukaj/", views.search, name="search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("health/", views.health, name="health"),
]

if settings.BENCHMARK_VIEWS:
    urlpatterns.append(path("_bench/trivial/", views.trivial, name="bench_trivial"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's URLs, its page-serving view replaced by one that routes in fewer queries
# (portal/routing.py) under the same name, so Wagtail's page URLs reverse to it.
urlpatterns += [pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"]
urlpatterns.append(re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"))
