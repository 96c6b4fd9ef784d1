from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("ankieta/dziekujemy/", views.thanks, name="thanks"),
    path("ankieta/<str:token>/", views.survey, name="survey"),
    # Under /intranet/kadra/: the second-factor middleware guards it as a staff screen.
    path("intranet/kadra/ankiety/", views.results, name="results"),
    path("intranet/kadra/ankiety/odpowiedzi/", views.text_answers, name="text_answers"),
    path(
        "intranet/kadra/ankiety/eksport/<slug:table>.<slug:file_format>",
        views.export,
        name="export",
    ),
]
