import tempfile

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from inspecties.beveiliging.models import BeveiligingsGebeurtenis
from inspecties.beveiliging.rollen import INTERN, Rol, rol_vereist
from inspecties.beveiliging.services import beveiligingslog_schrijven, toegang_geweigerd_loggen
from inspecties.fouten import ToezichtFout
from inspecties.models import JAAR_MAX, JAAR_MIN, Onderzoek
from inspecties.onderzoeken.selectors import onderzoeken_gefilterd
from inspecties.portaal.selectors import portaal_onderzoek
from inspecties.uitwisseling.exporteren import onderzoeken_exporteren
from rapporten import exports, services
from rapporten.bulk import (
    bestandsnaam,
    bulk_export_aanvragen,
    bulk_export_opnieuw,
    vastgelopen_afsluiten,
)
from rapporten.context import rapport_context
from rapporten.models import BulkExport
from rapporten.services import gepubliceerde_pdf, rapport_pdf


def _pdf_response(pdf: bytes, onderzoek: Onderzoek) -> HttpResponse:
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam(onderzoek)}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _pdf_van(onderzoek: Onderzoek) -> bytes:
    """Published: the frozen bytes. Otherwise (also while a published study is reopened for a
    correction) a fresh rendering, marked CONCEPT if not approved."""
    if onderzoek.status == Onderzoek.Status.GEPUBLICEERD:
        return gepubliceerde_pdf(onderzoek=onderzoek)
    return rapport_pdf(onderzoek=onderzoek)


def _download_loggen(request, onderzoek: Onderzoek) -> None:
    """Who took a copy of which report, published or not, is recorded."""
    beveiligingslog_schrijven(
        soort=BeveiligingsGebeurtenis.Soort.DOWNLOAD,
        request=request,
        onderzoek=onderzoek.pk,
        status=onderzoek.status,
    )


@require_GET
@rol_vereist(*INTERN)
def rapport_html(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    template, context = rapport_context(onderzoek)
    return HttpResponse(render_to_string(template, context, request=request))


@require_GET
@rol_vereist(*INTERN)
def rapport_pdf_download(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek.objects.select_related("aanpak__gemeente"), pk=pk)
    pdf = _pdf_van(onderzoek)
    _download_loggen(request, onderzoek)
    return _pdf_response(pdf, onderzoek)


@require_GET
@rol_vereist(*INTERN)
def uitwisselbestand(request, pk: int):
    """The study (with its earlier studies) in the exchange format, docs/uitwisselformaat.md."""
    onderzoek = get_object_or_404(Onderzoek.objects.select_related("aanpak__gemeente"), pk=pk)
    tekst = onderzoeken_exporteren(onderzoeken=[onderzoek])
    _download_loggen(request, onderzoek)
    response = HttpResponse(tekst, content_type="application/yaml; charset=utf-8")
    naam = bestandsnaam(onderzoek).removesuffix(".pdf") + ".yaml"
    response["Content-Disposition"] = f'attachment; filename="{naam}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@rol_vereist(Rol.INSPECTEUR)
def publiceren(request, pk: int):
    """The "Publiceren" button of the scoring page: the study's publication is made and frozen."""
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    try:
        onderzoek = services.onderzoek_publiceren(onderzoek=onderzoek, door=request.user)
    except ToezichtFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, f"Status: {onderzoek.get_status_display().lower()}.")
    return redirect("inspecties:onderzoek_scoren", pk=pk)


@require_GET
@rol_vereist(Rol.GEMEENTE)
def portaal_pdf(request, onderzoek_pk: int):
    """A gemeente downloads the published report of its own study (404 for anything else),
    also while the study is reopened for a correction: the version that was published."""
    try:
        onderzoek = portaal_onderzoek(gebruiker=request.user, onderzoek_pk=onderzoek_pk)
    except Http404:
        toegang_geweigerd_loggen(
            request, onderzoek=onderzoek_pk, reden="niet gepubliceerd voor eigen gemeente"
        )
        raise
    pdf = gepubliceerde_pdf(onderzoek=onderzoek)
    beveiligingslog_schrijven(
        soort=BeveiligingsGebeurtenis.Soort.DOWNLOAD,
        request=request,
        onderzoek=onderzoek.pk,
        status=Onderzoek.Status.GEPUBLICEERD,
    )
    return _pdf_response(pdf, onderzoek)


class ExportFilterForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", required=False, min_value=JAAR_MIN, max_value=JAAR_MAX)
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Alle")] + list(Onderzoek.Status.choices)
    )


def _filters(request, formaat: str) -> dict:
    form = ExportFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise Http404("Ongeldig filter")
    data = form.cleaned_data if form.is_bound else {}
    filters = {"jaar": data.get("jaar") or None, "status": data.get("status") or None}
    beveiligingslog_schrijven(
        soort=BeveiligingsGebeurtenis.Soort.EXPORT, request=request, formaat=formaat, **filters
    )
    return filters


@require_GET
@rol_vereist(*INTERN)
def export_csv(request):
    response = StreamingHttpResponse(
        exports.scores_csv(**_filters(request, "csv")), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="scores.csv"'
    return response


@require_GET
@rol_vereist(*INTERN)
def export_xlsx(request):
    # Written to a temporary file (gone when the response closes it), streamed from disk.
    bestand = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    exports.scores_xlsx(bestand, **_filters(request, "xlsx"))
    bestand.seek(0)
    return FileResponse(
        bestand,
        as_attachment=True,
        filename="scores.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


class BulkForm(forms.Form):
    jaar = forms.IntegerField(label="Jaar", required=False, min_value=JAAR_MIN, max_value=JAAR_MAX)
    status = forms.ChoiceField(
        label="Status",
        choices=list(Onderzoek.Status.choices),
        initial=Onderzoek.Status.GEPUBLICEERD,
    )


def _eigen_exports(gebruiker):
    eigen = BulkExport.objects.filter(aangevraagd_door=gebruiker)
    vastgelopen_afsluiten(eigen)
    return eigen


@require_http_methods(["GET", "POST"])
@rol_vereist(*INTERN)
def exports_pagina(request):
    """Score exports (CSV/XLSX) and the bulk PDF export with its progress."""
    # Its own ids: the score export's form on the same page has fields of the same names.
    bulk_form = BulkForm(request.POST or None, auto_id="bulk_%s")
    if request.method == "POST" and bulk_form.is_valid():
        onderzoeken = onderzoeken_gefilterd(**bulk_form.cleaned_data)
        export = bulk_export_aanvragen(onderzoeken=onderzoeken, door=request.user)
        return redirect("rapporten:bulk_status", bulk_pk=export.pk)
    return render(
        request,
        "rapporten/exports.html",
        {
            "filter_form": ExportFilterForm(),
            "bulk_form": bulk_form,
            "exports": _eigen_exports(request.user)[:10],
            "bewaardagen": settings.EXPORT_BEWAARDAGEN,
        },
    )


@require_GET
@rol_vereist(*INTERN)
def bulk_status(request, bulk_pk: int):
    eigen = BulkExport.objects.filter(aangevraagd_door=request.user)
    vastgelopen_afsluiten(eigen.filter(pk=bulk_pk))
    export = get_object_or_404(eigen, pk=bulk_pk)
    template = "rapporten/_bulk_status.html" if request.htmx else "rapporten/bulk.html"
    return render(request, template, {"export": export})


@require_POST
@rol_vereist(*INTERN)
def bulk_opnieuw(request, bulk_pk: int):
    """Try a failed export again (its own requester only)."""
    export = get_object_or_404(BulkExport, pk=bulk_pk, aangevraagd_door=request.user)
    try:
        bulk_export_opnieuw(export=export)
    except ToezichtFout as fout:
        messages.info(request, str(fout))
    else:
        messages.success(request, "De export wordt opnieuw gemaakt.")
    return redirect("rapporten:bulk_status", bulk_pk=export.pk)


@require_GET
@rol_vereist(*INTERN)
def bulk_download(request, bulk_pk: int):
    export = get_object_or_404(
        BulkExport, pk=bulk_pk, aangevraagd_door=request.user, status=BulkExport.Status.KLAAR
    )
    beveiligingslog_schrijven(
        soort=BeveiligingsGebeurtenis.Soort.EXPORT,
        request=request,
        formaat="zip",
        bulkexport=export.pk,
    )
    return FileResponse(
        export.zip.open("rb"),
        as_attachment=True,
        filename=f"rapporten-{export.pk}.zip",
        content_type="application/zip",
    )
