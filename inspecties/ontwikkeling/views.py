"""The development pages: the list of municipalities, one municipality's page, and its CSV."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from gemeenten.models import Gemeente
from inspecties.beveiliging.rollen import INTERN, rol_vereist
from inspecties.ontwikkeling.selectors import gemeenten_met_onderzoeken, ontwikkeling_van_gemeente
from inspecties.regels.spreadsheet import csv_tekst

KOLOMMEN = [
    "aanpak",
    "jaar",
    "soort",
    "thema",
    "indicator",
    "indicator_tekst",
    "bevinding",
    "vervolg_jaar",
    "vervolg_aanpak",
    "uitkomst",
    "vervolg_bevinding",
]


@require_GET
@rol_vereist(*INTERN)
def index(request):
    return render(request, "ontwikkeling/index.html", {"gemeenten": gemeenten_met_onderzoeken()})


@require_GET
@rol_vereist(*INTERN)
def pagina(request, gemeente_pk: int):
    ontwikkeling = ontwikkeling_van_gemeente(get_object_or_404(Gemeente, pk=gemeente_pk))
    return render(request, "ontwikkeling/pagina.html", {"o": ontwikkeling})


@require_GET
@rol_vereist(*INTERN)
def csv_export(request, gemeente_pk: int):
    gemeente = get_object_or_404(Gemeente, pk=gemeente_pk)
    rijen = (
        [
            v.onderzoek.aanpak.naam,
            v.onderzoek.jaar,
            v.onderzoek.get_soort_display(),
            v.thema,
            v.sleutel,
            v.tekst,
            v.bevinding,
            v.vervolg.jaar if v.vervolg else "",
            v.vervolg.aanpak.naam if v.vervolg else "",
            v.uitkomst.label,
            v.vervolg_bevinding,
        ]
        for v in ontwikkeling_van_gemeente(gemeente).verbeterpunten
    )
    response = HttpResponse(csv_tekst(KOLOMMEN, rijen), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ontwikkeling-{gemeente.pk}.csv"'
    return response
