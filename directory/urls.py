from django.urls import path

from directory import views

app_name = "directory"

urlpatterns = [
    path("", views.entity_list, name="list"),
    path("eksport.csv", views.export_csv, name="export_csv"),
    path("eksport.json", views.export_json, name="export_json"),
    path("<slug:slug>/", views.entity_detail, name="entity"),
]
