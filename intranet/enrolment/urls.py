from django.urls import path

from intranet.enrolment import views

app_name = "enrolment"

urlpatterns = [
    path("", views.start, name="start"),
    path("<int:enrolment_id>/", views.detail, name="detail"),
    path("<int:enrolment_id>/krok/<int:step>/", views.step, name="step"),
    path("<int:enrolment_id>/wyslij/", views.submit, name="submit"),
    path(
        "delegacje/<int:enrolment_id>/potwierdz/",
        views.confirm_delegation,
        name="confirm_delegation",
    ),
]
