from django.urls import path

from intranet.dashboard import views
from intranet.enrolment import views as enrolment_views

app_name = "intranet"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
    path("moje-dane/", enrolment_views.my_data, name="my_data"),
    path("moje-dane/dane.json", enrolment_views.my_data_json, name="my_data_json"),
]
