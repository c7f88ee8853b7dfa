"""The inspectors' inbox of progress reports sent through the portal, and their due dates."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from inspecties.beveiliging.rollen import Rol, rol_vereist
from inspecties.beveiliging.services import beveiligingslog_schrijven
from inspecties.onderzoeken.models import Onderzoek
from inspecties.onderzoeken.selectors import in_portaal
from inspecties.regels.deadlines import deadline_status
from inspecties.voortgang.downloads import bijlage
from inspecties.voortgang.forms import GelezenForm, VoortgangDeadlineForm
from inspecties.voortgang.models import Voortgangsrapportage
from inspecties.voortgang.selectors import (
    inbox_pagina,
    inbox_rapportages,
    met_deadline,
    voortgang_deadline_van,
)
from inspecties.voortgang.services import (
    voortgang_deadline_zetten,
    voortgangsrapportage_gelezen,
)


@require_http_methods(["GET"])
@rol_vereist(Rol.INSPECTEUR)
def inbox(request):
    pagina = inbox_pagina(inbox_rapportages(), pagina=request.GET.get("pagina"))
    vandaag = timezone.localdate()
    gepubliceerd = in_portaal().select_related("aanpak__gemeente")
    return render(
        request,
        "portaal/inbox.html",
        {
            "rapportages": pagina.object_list,
            "pagina": pagina,
            "onderzoek": None,
            "aantal_ongelezen": pagina.aantal_ongelezen,
            "deadlines": met_deadline(list(gepubliceerd), vandaag),
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
    form = GelezenForm(request.POST)
    voortgangsrapportage_gelezen(rapportage=rapportage, door=request.user)
    if form.is_valid() and form.cleaned_data["terug"] == "onderzoek":
        return redirect("voortgang:inbox_onderzoek", onderzoek_pk=rapportage.onderzoek_id)
    return redirect("voortgang:inbox")


@require_http_methods(["GET"])
@rol_vereist(Rol.INSPECTEUR)
def inspecteur_download(request, rapportage_pk: int):
    rapportage = get_object_or_404(Voortgangsrapportage, pk=rapportage_pk)
    beveiligingslog_schrijven(soort="download", request=request, rapportage=rapportage.pk)
    return bijlage(rapportage)
