"""The overview pages (issue 15), each also as CSV and PDF; internal roles only, as the
Overzichten page always was. Every download is recorded in the security log."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.beveiliging.rollen import INTERN, rol_vereist
from inspecties.beveiliging.services import beveiligingslog_schrijven
from inspecties.overzichten.selectors import (
    heatmap_van,
    ontwikkeling_per_gemeente,
    veldoverzicht,
    verbeterpunten_per_indicator,
)
from rapporten.overzichten import export
from rapporten.overzichten.forms import HeatmapForm, OverzichtFilterForm, VeldForm


def _export_loggen(request, pagina: str, formaat: str) -> None:
    beveiligingslog_schrijven(
        soort=BeveiligingsGebeurtenis.Soort.EXPORT,
        request=request,
        formaat=formaat,
        overzicht=pagina,
        filters=request.GET.urlencode()[:500],
    )


def _overzichten(request) -> dict:
    form = OverzichtFilterForm(request.GET or None)
    filters = form.filters()
    return {
        "form": form,
        "indicatoren": verbeterpunten_per_indicator(**filters),
        "ontwikkeling": ontwikkeling_per_gemeente(jaar=filters["jaar"]),
        "query": request.GET.urlencode(),
    }


@require_GET
@rol_vereist(*INTERN)
def overzichten(request):
    """Across studies: which indicators fail most, and how municipalities developed."""
    context = _overzichten(request)
    context["grafiek"] = export.indicatoren_grafiek(context["indicatoren"][:15])
    return render(request, "rapporten/overzichten.html", context)


@require_GET
@rol_vereist(*INTERN)
def overzichten_csv(request):
    context = _overzichten(request)
    _export_loggen(request, "overzichten", "csv")
    if request.GET.get("tabel") == "ontwikkeling":
        rijen = export.ontwikkeling_rijen(context["ontwikkeling"])
        return export.csv_antwoord(rijen, "ontwikkeling-per-gemeente.csv")
    rijen = export.indicatoren_rijen(context["indicatoren"])
    return export.csv_antwoord(rijen, "verbeterpunten-per-indicator.csv")


@require_GET
@rol_vereist(*INTERN)
def overzichten_pdf(request):
    context = _overzichten(request)
    if len(context["ontwikkeling"]) > export.MAX_PDF_RIJEN * 4:
        messages.error(request, export.KIES_EEN_JAAR_VOOR_PDF)
        return redirect(f"{reverse('rapporten:overzichten')}?{request.GET.urlencode()}")
    context["grafiek"] = export.indicatoren_grafiek(context["indicatoren"][:15])
    _export_loggen(request, "overzichten", "pdf")
    return export.pdf_antwoord(
        "rapporten/overzichten/pdf_overzichten.html", context, "overzichten.pdf"
    )


def _heatmap(request) -> dict:
    form = HeatmapForm(request.GET or None)
    kaart = heatmap_van(form.filters())
    f = kaart.filters
    basis = {"kader": f.kader_id or "", "jaar": f.jaar or "", "provincie": f.provincie}
    basis |= {"regio": f.regio, "status": f.status}
    return {
        "form": form,
        "kaart": kaart,
        "f": f,
        "basis": urlencode(basis),
        "max_pdf_rijen": export.MAX_PDF_RIJEN,
    }


@require_GET
@rol_vereist(*INTERN)
def heatmap_pagina(request):
    """Municipalities against indicators for one framework version and year."""
    return render(request, "rapporten/overzichten/heatmap.html", _heatmap(request))


@require_GET
@rol_vereist(*INTERN)
def heatmap_csv(request):
    kaart = _heatmap(request)["kaart"]
    _export_loggen(request, "heatmap", "csv")
    return export.csv_antwoord(export.heatmap_rijen(kaart), f"heatmap-{kaart.filters.jaar}.csv")


@require_GET
@rol_vereist(*INTERN)
def heatmap_pdf(request):
    """Up to MAX_PDF_RIJEN rows (a province): WeasyPrint takes seconds per thousand cells, so
    the national table is a CSV, never a PDF that outlasts the request."""
    context = _heatmap(request)
    if len(context["kaart"].rijen) > export.MAX_PDF_RIJEN:
        messages.error(request, export.TE_GROOT_VOOR_PDF.format(n=export.MAX_PDF_RIJEN))
        return redirect(f"{reverse('rapporten:heatmap')}?{request.GET.urlencode()}")
    _export_loggen(request, "heatmap", "pdf")
    naam = f"heatmap-{context['f'].jaar}.pdf"
    return export.pdf_antwoord("rapporten/overzichten/pdf_heatmap.html", context, naam)


def _veld(request) -> dict:
    form = VeldForm(request.GET or None)
    veld = veldoverzicht(jaar=form.jaar_gekozen())
    return {"form": form, "veld": veld}


@require_GET
@rol_vereist(*INTERN)
def veld_pagina(request):
    """Per indicator and theme the share of X in one year, against the year before."""
    context = _veld(request)
    context["grafieken"] = export.veld_grafieken(context["veld"])
    return render(request, "rapporten/overzichten/veld.html", context)


@require_GET
@rol_vereist(*INTERN)
def veld_csv(request):
    veld = _veld(request)["veld"]
    _export_loggen(request, "veldoverzicht", "csv")
    return export.csv_antwoord(export.veld_rijen(veld), f"veldoverzicht-{veld.jaar}.csv")


@require_GET
@rol_vereist(*INTERN)
def veld_pdf(request):
    context = _veld(request)
    context["grafieken"] = export.veld_grafieken(context["veld"])
    _export_loggen(request, "veldoverzicht", "pdf")
    naam = f"veldoverzicht-{context['veld'].jaar}.pdf"
    return export.pdf_antwoord("rapporten/overzichten/pdf_veld.html", context, naam)
