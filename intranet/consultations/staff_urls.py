from django.urls import path

from intranet.consultations import staff_views as views

app_name = "bookings_staff"

urlpatterns = [
    path("recepcja/", views.desk, name="desk"),
    path("recepcja/umow/", views.walk_in, name="walk_in"),
    path("kalendarz/", views.calendar, name="calendar"),
    path("<int:booking_id>/", views.outcome, name="outcome"),
    path("<int:booking_id>/zaproszenie/", views.invite, name="invite"),
]
