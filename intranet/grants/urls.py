from django.urls import path

from intranet.grants import views

app_name = "calls"

urlpatterns = [
    path("dotacje/", views.calls, name="list"),
    path("dotacje/wniosek/<int:application_id>/", views.application, name="application"),
    path("dotacje/zalacznik/<int:attachment_id>/", views.attachment, name="attachment"),
    path("kadra/dotacje/<int:call_id>/", views.call_ranking, name="ranking"),
    path("kadra/dotacje/<int:call_id>/publikuj/", views.publish, name="publish"),
    path("kadra/dotacje/wniosek/<int:application_id>/", views.evaluate, name="evaluate"),
]
