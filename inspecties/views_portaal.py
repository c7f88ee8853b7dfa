"""The municipality portal and the inspectors' inbox of progress reports.

Portal views find everything through inspecties.selectors_portaal, scoped to request.user's
gemeenten; an id of another gemeente's study or upload answers 404.
"""

from django.contrib import messages
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from inspecties.beveiliging.services import beveiligingslog_schrijven, toegang_geweigerd_loggen
from inspecties.forms_portaal import VoortgangDeadlineForm, VoortgangsrapportageForm
from inspecties.models import Onderzoek, Voortgangsrapportage
from inspecties.rollen import Rol, rol_vereist
from inspecties.selectors import onderzoek_voor_rapport
from inspecties.selectors_portaal import (
    deadline_status,
    in_portaal,
    inbox_rapportages,
    open_verbeterpunten,
    portaal_onderzoek,
    portaal_onderzoeken,
    portaal_publicatie,
    portaal_voortgangsrapportage,
    portaal_voortgangsrapportages,
    voortgang_deadline_van,
)
from inspecties.services_voortgang import (
    VoortgangFout,
    voortgang_deadline_zetten,
    voortgangsrapportage_gelezen,
    voortgangsrapportage_indienen,
)
from inspecties.uploads import MAX_GROOTTE, downloadnaam


def _bijlage(rapportage: Voortgangsrapportage) -> FileResponse:
    """The stored file as a download that browsers will not render or sniff, named with the
    extension of the type we recognised (a PDF uploaded as x.html downloads as x.pdf)."""
    response = FileResponse(
        rapportage.bestand.open("rb"),
        as_attachment=True,
        filename=downloadnaam(rapportage.oorspronkelijke_naam, rapportage.inhoudstype),
        content_type=rapportage.inhoudstype,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def _met_deadline(onderzoeken, vandaag):
    for o in onderzoeken:
        o.deadline = voortgang_deadline_van(o)
        o.deadline_status = deadline_status(o.deadline, vandaag=vandaag)
    return onderzoeken


# --- Municipality portal ------------------------------------------------------------------


@require_http_methods(["GET"])
@rol_vereist(Rol.GEMEENTE)
def portaal_home(request):
    vandaag = timezone.localdate()
    onderzoeken = _met_deadline(list(portaal_onderzoeken(gebruiker=request.user)), vandaag)
    return render(
        request,
        "portaal/home.html",
        {
            "onderzoeken": onderzoeken,
            "verbeterpunten": open_verbeterpunten(gebruiker=request.user),
            "rapportages": portaal_voortgangsrapportages(gebruiker=request.user)[:20],
        },
    )


@require_http_methods(["GET"])
@rol_vereist(Rol.GEMEENTE)
def portaal_onderzoek_detail(request, onderzoek_pk: int):
    """The study as it was published (also while it is reopened for a correction)."""
    try:
        onderzoek = portaal_onderzoek(gebruiker=request.user, onderzoek_pk=onderzoek_pk)
    except Http404:
        toegang_geweigerd_loggen(
            request, onderzoek=onderzoek_pk, reden="niet gepubliceerd voor eigen gemeente"
        )
        raise
    publicatie = portaal_publicatie(onderzoek=onderzoek)
    inhoud = None if publicatie else onderzoek_voor_rapport(onderzoek=onderzoek)
    deadline = voortgang_deadline_van(onderzoek)
    return render(
        request,
        "portaal/onderzoek.html",
        {
            "publicatie": publicatie,
            "inhoud": inhoud,
            "onderzoek": inhoud.onderzoek if inhoud else onderzoek,
            "deadline": deadline,
            "deadline_status": deadline_status(deadline, vandaag=timezone.localdate()),
            "rapportages": portaal_voortgangsrapportages(gebruiker=request.user).filter(
                onderzoek=onderzoek
            ),
            "pdf_url": reverse("rapporten:portaal_pdf", args=[onderzoek.pk]),
        },
    )


class GrootteGrens(FileUploadHandler):
    """Stops storing an upload once it passes the limit, so an oversized file never reaches
    disk; the view then answers with the same Dutch message as the form."""

    def __init__(self, request, grens: int):
        super().__init__(request)
        self.grens = grens
        self.ontvangen = 0

    def receive_data_chunk(self, raw_data, start):
        self.ontvangen += len(raw_data)
        if self.ontvangen > self.grens:
            self.request.upload_te_groot = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


@csrf_exempt  # CSRF is checked below, after the size limit is in place (Django docs)
@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.GEMEENTE)
def portaal_uploaden(request, onderzoek_pk: int):
    request.upload_handlers.insert(0, GrootteGrens(request, MAX_GROOTTE))
    return _portaal_uploaden(request, onderzoek_pk)


@csrf_protect
def _portaal_uploaden(request, onderzoek_pk: int):
    onderzoek = portaal_onderzoek(gebruiker=request.user, onderzoek_pk=onderzoek_pk)
    form = VoortgangsrapportageForm(request.POST or None, request.FILES or None)
    if getattr(request, "upload_te_groot", False):
        form.is_valid()
        form.errors["bestand"] = form.error_class(
            [
                VoortgangsrapportageForm.base_fields["bestand"].error_messages["te_groot"]
                % {"max": MAX_GROOTTE // 1024 // 1024}
            ]
        )
    elif request.method == "POST" and form.is_valid():
        try:
            rapportage = voortgangsrapportage_indienen(
                onderzoek=onderzoek,
                bestand=form.cleaned_data["bestand"],
                bericht=form.cleaned_data["bericht"],
                door=request.user,
            )
        except VoortgangFout as exc:
            form.add_error("bestand", str(exc))
        else:
            messages.success(
                request,
                f"Uw voortgangsrapportage ‘{rapportage.oorspronkelijke_naam}’ is ontvangen. "
                "De inspecteurs krijgen bericht.",
            )
            return redirect("portaal:onderzoek", onderzoek_pk=onderzoek.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "portaal/uploaden.html", {"onderzoek": onderzoek, "form": form}, status=status
    )


@require_http_methods(["GET"])
@rol_vereist(Rol.GEMEENTE)
def portaal_download(request, rapportage_pk: int):
    try:
        rapportage = portaal_voortgangsrapportage(
            gebruiker=request.user, rapportage_pk=rapportage_pk
        )
    except Http404:
        # Another gemeente's (or a non-existent) file: 404 to the user, an entry in the audit log.
        toegang_geweigerd_loggen(request, rapportage=rapportage_pk, reden="niet van eigen gemeente")
        raise
    beveiligingslog_schrijven(soort="download", request=request, rapportage=rapportage.pk)
    return _bijlage(rapportage)


# --- Inspectors' inbox ----------------------------------------------------------------------


@require_http_methods(["GET"])
@rol_vereist(Rol.INSPECTEUR)
def inbox(request):
    rapportages = inbox_rapportages()
    vandaag = timezone.localdate()
    gepubliceerd = in_portaal().select_related("aanpak__gemeente")
    return render(
        request,
        "portaal/inbox.html",
        {
            "rapportages": rapportages,
            "onderzoek": None,
            "aantal_ongelezen": sum(1 for r in rapportages if r.gelezen_op is None),
            "deadlines": _met_deadline(list(gepubliceerd), vandaag),
        },
    )


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.INSPECTEUR)
def inbox_onderzoek(request, onderzoek_pk: int):
    onderzoek = get_object_or_404(
        Onderzoek.objects.select_related("aanpak__gemeente"), pk=onderzoek_pk
    )
    deadline = voortgang_deadline_van(onderzoek)
    form = VoortgangDeadlineForm(
        request.POST or None, initial={"voortgang_deadline": onderzoek.voortgang_deadline}
    )
    if request.method == "POST" and form.is_valid():
        voortgang_deadline_zetten(
            onderzoek=onderzoek, deadline=form.cleaned_data["voortgang_deadline"], door=request.user
        )
        messages.success(request, "De uiterste datum voor de voortgangsrapportage is opgeslagen.")
        return redirect("voortgang:inbox_onderzoek", onderzoek_pk=onderzoek.pk)
    rapportages = inbox_rapportages(onderzoek=onderzoek)
    return render(
        request,
        "portaal/inbox.html",
        {
            "rapportages": rapportages,
            "onderzoek": onderzoek,
            "deadline": deadline,
            "deadline_status": deadline_status(deadline, vandaag=timezone.localdate()),
            "form": form,
            "aantal_ongelezen": sum(1 for r in rapportages if r.gelezen_op is None),
        },
    )


@require_http_methods(["POST"])
@rol_vereist(Rol.INSPECTEUR)
def gelezen(request, rapportage_pk: int):
    rapportage = get_object_or_404(Voortgangsrapportage, pk=rapportage_pk)
    voortgangsrapportage_gelezen(rapportage=rapportage, door=request.user)
    if request.POST.get("terug") == "onderzoek":
        return redirect("voortgang:inbox_onderzoek", onderzoek_pk=rapportage.onderzoek_id)
    return redirect("voortgang:inbox")


@require_http_methods(["GET"])
@rol_vereist(Rol.INSPECTEUR)
def inspecteur_download(request, rapportage_pk: int):
    rapportage = get_object_or_404(Voortgangsrapportage, pk=rapportage_pk)
    beveiligingslog_schrijven(soort="download", request=request, rapportage=rapportage.pk)
    return _bijlage(rapportage)
