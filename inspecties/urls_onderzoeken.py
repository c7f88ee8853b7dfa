from django.urls import path

from inspecties import views

app_name = "inspecties"

urlpatterns = [
    path("", views.onderzoek_lijst, name="onderzoek_lijst"),
    path("nieuw/", views.onderzoek_nieuw, name="onderzoek_nieuw"),
    path("<int:pk>/", views.onderzoek_scoren, name="onderzoek_scoren"),
    path("<int:pk>/historie/", views.onderzoek_historie, name="onderzoek_historie"),
    path(
        "<int:pk>/beoordeling/<int:beoordeling_pk>/",
        views.beoordeling_opslaan,
        name="beoordeling_opslaan",
    ),
    path("<int:pk>/bevinding-delen/", views.bevinding_delen, name="bevinding_delen"),
    path(
        "<int:pk>/conclusie/<int:conclusie_pk>/",
        views.conclusie_opslaan,
        name="conclusie_opslaan",
    ),
    path("<int:pk>/teksten/", views.teksten_opslaan, name="teksten_opslaan"),
    path("<int:pk>/hoofdstukken/", views.hoofdstuk_toevoegen, name="hoofdstuk_toevoegen"),
    path(
        "<int:pk>/hoofdstukken/<int:hoofdstuk_pk>/",
        views.hoofdstuk_opslaan,
        name="hoofdstuk_opslaan",
    ),
    path(
        "<int:pk>/hoofdstukken/<int:hoofdstuk_pk>/verplaatsen/",
        views.hoofdstuk_verplaatsen,
        name="hoofdstuk_verplaatsen",
    ),
    path(
        "<int:pk>/hoofdstukken/<int:hoofdstuk_pk>/verwijderen/",
        views.hoofdstuk_verwijderen,
        name="hoofdstuk_verwijderen",
    ),
    path("<int:pk>/status/<slug:actie>/", views.status_wijzigen, name="status_wijzigen"),
]
