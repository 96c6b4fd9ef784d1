from django.urls import path

from intranet.indicators import views

app_name = "indicators"

urlpatterns = [
    path("kadra/wskazniki/", views.dashboard, name="dashboard"),
    path("kadra/wskazniki/lista/<slug:key>/", views.records, name="records"),
    path(
        "kadra/wskazniki/eksport/<slug:table>.<slug:file_format>",
        views.export,
        name="export",
    ),
    path("kadra/wskazniki/monitoring-miejsc-pracy/", views.job_monitoring, name="jobs"),
    path("raporty/roczny/<int:year>/", views.report, name="report"),
    path("raporty/roczny/<int:year>/sprawozdanie.docx", views.report_docx, name="report_docx"),
    path("raporty/roczny/<int:year>/sprawozdanie.pdf", views.report_pdf, name="report_pdf"),
]
