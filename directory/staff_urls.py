from django.urls import path

from directory import intranet_views

app_name = "directory_staff"

urlpatterns = [
    path("wnioski/", intranet_views.staff_requests, name="requests"),
    path("zaproszenia/", intranet_views.staff_invite, name="invite"),
]
