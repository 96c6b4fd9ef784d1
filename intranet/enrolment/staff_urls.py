from django.urls import path

from intranet.enrolment import staff_views as views

app_name = "enrolment_staff"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:enrolment_id>/", views.detail, name="detail"),
    path("<int:enrolment_id>/koniec-wsparcia/", views.support_end, name="support_end"),
    path("<int:enrolment_id>/deklaracja/", views.declaration, name="declaration"),
    path("<int:enrolment_id>/deklaracja.pdf", views.declaration_pdf, name="declaration_pdf"),
    path("<int:enrolment_id>/usun-dane/", views.erase, name="erase"),
    path("eksport/osoby.csv", views.export, {"target_group": "persons"}, name="export_persons"),
    path("eksport/podmioty.csv", views.export, {"target_group": "entity"}, name="export_entities"),
    path("dziennik-dostepu/", views.access_log, name="access_log"),
]
