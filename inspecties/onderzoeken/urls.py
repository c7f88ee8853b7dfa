from django.urls import path

from inspecties.onderzoeken.views import historie, hoofdstukken, lijst, scoren, volgorde, workflow

app_name = "inspecties"

urlpatterns = [
    path("", lijst.onderzoek_lijst, name="onderzoek_lijst"),
    path("nieuw/", lijst.onderzoek_nieuw, name="onderzoek_nieuw"),
    path("<int:pk>/", scoren.onderzoek_scoren, name="onderzoek_scoren"),
    path("<int:pk>/historie/", historie.onderzoek_historie, name="onderzoek_historie"),
    path(
        "<int:pk>/beoordeling/<int:beoordeling_pk>/",
        scoren.beoordeling_opslaan,
        name="beoordeling_opslaan",
    ),
    path(
        "<int:pk>/beoordeling/<int:beoordeling_pk>/loskoppelen/",
        scoren.bevinding_loskoppelen,
        name="bevinding_loskoppelen",
    ),
    path("<int:pk>/bevinding-delen/", scoren.bevinding_delen, name="bevinding_delen"),
    path(
        "<int:pk>/conclusie/<int:conclusie_pk>/",
        scoren.conclusie_opslaan,
        name="conclusie_opslaan",
    ),
    path("<int:pk>/teksten/", scoren.teksten_opslaan, name="teksten_opslaan"),
    path("<int:pk>/volgorde/", volgorde.rijvolgorde_opslaan, name="rijvolgorde_opslaan"),
    path("<int:pk>/hoofdstukken/", hoofdstukken.hoofdstuk_toevoegen, name="hoofdstuk_toevoegen"),
    path(
        "<int:pk>/hoofdstukken/<int:hoofdstuk_pk>/",
        hoofdstukken.hoofdstuk_opslaan,
        name="hoofdstuk_opslaan",
    ),
    path(
        "<int:pk>/hoofdstukken/<int:hoofdstuk_pk>/verplaatsen/",
        hoofdstukken.hoofdstuk_verplaatsen,
        name="hoofdstuk_verplaatsen",
    ),
    path(
        "<int:pk>/hoofdstukken/<int:hoofdstuk_pk>/verwijderen/",
        hoofdstukken.hoofdstuk_verwijderen,
        name="hoofdstuk_verwijderen",
    ),
    path("<int:pk>/status/<slug:actie>/", workflow.status_wijzigen, name="status_wijzigen"),
]
