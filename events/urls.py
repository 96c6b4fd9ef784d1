from django.urls import path

from events import staff_views

app_name = "events_staff"

urlpatterns = [
    path("", staff_views.EventListView.as_view(), name="events"),
    path("<int:event_id>/", staff_views.AttendeesView.as_view(), name="attendees"),
    path(
        "<int:event_id>/eksport.<str:file_format>",
        staff_views.ExportView.as_view(),
        name="export",
    ),
    path("<int:event_id>/obecnosc/", staff_views.CheckInView.as_view(), name="check_in"),
    path(
        "<int:event_id>/lista-obecnosci/",
        staff_views.AttendanceSheetView.as_view(),
        name="attendance_sheet",
    ),
    path(
        "<int:event_id>/lista-obecnosci.pdf",
        staff_views.AttendanceSheetPdfView.as_view(),
        name="attendance_sheet_pdf",
    ),
    path(
        "<int:event_id>/zaswiadczenie/<int:registration_id>/",
        staff_views.CertificateView.as_view(),
        name="certificate",
    ),
    path(
        "<int:event_id>/zaswiadczenie/<int:registration_id>/zaswiadczenie.pdf",
        staff_views.CertificatePdfView.as_view(),
        name="certificate_pdf",
    ),
    path("<int:event_id>/odwolaj/", staff_views.CancelEventView.as_view(), name="cancel"),
]
