from django.urls import path

from rapporten import ontwikkeling, views
from rapporten.overzichten import views as overzichten

app_name = "rapporten"

urlpatterns = [
    path("onderzoeken/<int:pk>/", views.rapport_html, name="rapport"),
    path("onderzoeken/<int:pk>/pdf/", views.rapport_pdf_download, name="rapport_pdf"),
    path(
        "onderzoeken/<int:pk>/uitwisselbestand/",
        views.uitwisselbestand,
        name="uitwisselbestand",
    ),
    path("onderzoeken/<int:pk>/publiceren/", views.publiceren, name="publiceren"),
    path("portaal/<int:onderzoek_pk>/pdf/", views.portaal_pdf, name="portaal_pdf"),
    # The overviews (issue 15), each also as CSV and PDF.
    path("overzichten/", overzichten.overzichten, name="overzichten"),
    path("overzichten/overzichten.csv", overzichten.overzichten_csv, name="overzichten_csv"),
    path("overzichten/overzichten.pdf", overzichten.overzichten_pdf, name="overzichten_pdf"),
    path("overzichten/heatmap/", overzichten.heatmap_pagina, name="heatmap"),
    path("overzichten/heatmap.csv", overzichten.heatmap_csv, name="heatmap_csv"),
    path("overzichten/heatmap.pdf", overzichten.heatmap_pdf, name="heatmap_pdf"),
    path("overzichten/veld/", overzichten.veld_pagina, name="veldoverzicht"),
    path("overzichten/veld.csv", overzichten.veld_csv, name="veldoverzicht_csv"),
    path("overzichten/veld.pdf", overzichten.veld_pdf, name="veldoverzicht_pdf"),
    path(
        "ontwikkeling/<int:gemeente_pk>/pdf/",
        ontwikkeling.ontwikkeling_pdf,
        name="ontwikkeling_pdf",
    ),
    path("exports/", views.exports_pagina, name="exports"),
    path("exports/scores.csv", views.export_csv, name="export_csv"),
    path("exports/scores.xlsx", views.export_xlsx, name="export_xlsx"),
    path("exports/bulk/<int:bulk_pk>/", views.bulk_status, name="bulk_status"),
    path("exports/bulk/<int:bulk_pk>/download/", views.bulk_download, name="bulk_download"),
    path("exports/bulk/<int:bulk_pk>/opnieuw/", views.bulk_opnieuw, name="bulk_opnieuw"),
]
