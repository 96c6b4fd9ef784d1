from django.urls import path

from intranet.consultations import views

app_name = "bookings"

urlpatterns = [
    path("", views.home, name="home"),
    path("terminy/", views.slots, name="slots"),
    path("rezerwuj/", views.book, name="book"),
    path("<int:booking_id>/", views.detail, name="detail"),
    path("<int:booking_id>/odwolaj/", views.cancel, name="cancel"),
    path("<int:booking_id>/konsultacja.ics", views.ics, name="ics"),
]
