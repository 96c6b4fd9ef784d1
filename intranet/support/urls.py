from django.urls import path

from intranet.support import views

app_name = "support"

urlpatterns = [
    path("", views.overdue, name="overdue"),
    path("<int:enrolment_id>/", views.path, name="path"),
]
