"""Reports in the browser, as PDF, and the score export (staff roles only)."""

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from inspecties.models import Onderzoek
from inspecties.rollen import Rol, rol_vereist
from rapporten.forms import BulkExportForm
from rapporten.models import BulkExport
from rapporten.services import (
    RapportFout,
    bulk_export_aanvragen,
    rapport_bestandsnaam,
    rapport_context,
    rapport_pdf,
    scores_csv,
    scores_xlsx,
)

STAF = (Rol.INSPECTEUR, Rol.MEDEWERKER, Rol.BEHEERDER)


@require_http_methods(["GET"])
@rol_vereist(*STAF)
def rapport_html(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    template, context = rapport_context(onderzoek=onderzoek, pdf=False)
    inhoud_template = template.replace("rapporten/", "rapporten/_inhoud_")
    return render(
        request,
        "rapporten/rapport_pagina.html",
        {**context, "onderzoek": onderzoek, "inhoud_template": inhoud_template},
    )


@require_http_methods(["GET"])
@rol_vereist(*STAF)
def rapport_download(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek.objects.select_related("aanpak__gemeente"), pk=pk)
    response = HttpResponse(rapport_pdf(onderzoek=onderzoek), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{rapport_bestandsnaam(onderzoek)}"'
    return response


@require_http_methods(["GET"])
@rol_vereist(*STAF)
def scores_export(request, formaat: str):
    onderzoeken = Onderzoek.objects.order_by("jaar", "pk")
    if jaar := request.GET.get("jaar", "").strip():
        onderzoeken = onderzoeken.filter(jaar=int(jaar)) if jaar.isdigit() else onderzoeken.none()
    if formaat == "xlsx":
        inhoud = scores_xlsx(onderzoeken=onderzoeken)
        soort = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        inhoud, soort = scores_csv(onderzoeken=onderzoeken), "text/csv; charset=utf-8"
    response = HttpResponse(inhoud, content_type=soort)
    response["Content-Disposition"] = f'attachment; filename="scores.{formaat}"'
    return response


# --- Bulk export -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@rol_vereist(*STAF)
def bulk_nieuw(request):
    form = BulkExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            export = bulk_export_aanvragen(
                onderzoeken=form.onderzoeken(),
                omschrijving=form.omschrijving(),
                door=request.user,
            )
        except RapportFout as fout:
            form.add_error(None, str(fout))
        else:
            return redirect("rapporten:bulk_status", pk=export.pk)
    exports = BulkExport.objects.filter(aangevraagd_door=request.user)[:10]
    return render(request, "rapporten/bulk_nieuw.html", {"form": form, "exports": exports})


@require_http_methods(["GET"])
@rol_vereist(*STAF)
def bulk_status(request, pk: int):
    export = get_object_or_404(BulkExport, pk=pk, aangevraagd_door=request.user)
    template = "rapporten/bulk_status.html"
    if request.htmx:
        template += "#voortgang"
    return render(request, template, {"export": export})


@require_http_methods(["GET"])
@rol_vereist(*STAF)
def bulk_download(request, pk: int):
    export = get_object_or_404(
        BulkExport, pk=pk, aangevraagd_door=request.user, status=BulkExport.Status.KLAAR
    )
    response = FileResponse(
        export.zip.open("rb"),
        as_attachment=True,
        filename=f"toezicht-export-{export.pk}.zip",
        content_type="application/zip",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
