from django.urls import path

from intranet import views

app_name = "intranet"

urlpatterns = [
    path("", views.DashboardView.as_view(), name="dashboard"),
]
