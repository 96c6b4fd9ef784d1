from django.urls import path

from events import certificate_views

app_name = "certificates"

urlpatterns = [
    path("", certificate_views.certificate_lookup, name="lookup"),
    path("<str:code>/", certificate_views.certificate_detail, name="detail"),
    path("<str:code>/zaswiadczenie.pdf", certificate_views.certificate_pdf, name="pdf"),
]
