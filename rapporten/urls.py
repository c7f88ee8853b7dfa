from django.urls import path

from rapporten import views

app_name = "rapporten"

urlpatterns = [
    path("onderzoek/<int:pk>/", views.rapport_html, name="rapport"),
    path("onderzoek/<int:pk>/pdf/", views.rapport_download, name="pdf"),
    path("scores.csv", views.scores_export, {"formaat": "csv"}, name="scores-csv"),
    path("scores.xlsx", views.scores_export, {"formaat": "xlsx"}, name="scores-xlsx"),
    path("bulk/", views.bulk_nieuw, name="bulk_nieuw"),
    path("bulk/<int:pk>/", views.bulk_status, name="bulk_status"),
    path("bulk/<int:pk>/download/", views.bulk_download, name="bulk_download"),
]
