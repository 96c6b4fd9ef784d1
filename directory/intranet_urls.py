from django.urls import path

from directory import intranet_views

app_name = "directory_intranet"

urlpatterns = [
    path("nowy/", intranet_views.propose, name="propose"),
    path("<int:entity_id>/edycja/", intranet_views.edit, name="edit"),
    path("<slug:slug>/reprezentuj/", intranet_views.request_representation, name="request"),
    path("zaproszenie/<str:token>/", intranet_views.accept_invitation, name="accept_invitation"),
]
