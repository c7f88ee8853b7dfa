"""The inspectors' inbox of progress reports sent through the portal, and their due dates."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from inspecties.beveiliging.rollen import Rol, rol_vereist
from inspecties.beveiliging.services import beveiligingslog_schrijven
from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken.models import Onderzoek
from inspecties.onderzoeken.selectors import in_portaal
from inspecties.regels.deadlines import deadline_status
from inspecties.voortgang.downloads import bijlage
from inspecties.voortgang.forms import (
    AccepterenForm,
    GelezenForm,
    KoppelenForm,
    RapportageBeoordelingForm,
    VoortgangDeadlineForm,
)
from inspecties.voortgang.models import Verbeterplan, Voortgangsrapportage
from inspecties.voortgang.selectors import (
    inbox_pagina,
    inbox_rapportages,
    met_deadline,
    punten_met_plan,
    punten_van_onderzoek,
    voortgang_deadline_van,
)
from inspecties.voortgang.services import (
    PlanConflict,
    VoortgangFout,
    verbeterplan_accepteren,
    voortgang_deadline_zetten,
    voortgangsrapportage_beoordelen,
    voortgangsrapportage_gelezen,
    voortgangsrapportage_koppelen,
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
            "plannen": punten_met_plan(
                onderzoek=onderzoek,
                punten=punten_van_onderzoek(onderzoek),
                vandaag=timezone.localdate(),
            ),
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


def _rapportage_pagina(
    request, rapportage, *, beoordeling_form=None, koppelen_form=None, status=200
):
    return render(
        request,
        "voortgang/rapportage.html",
        {
            "rapportage": rapportage,
            "beoordeling_form": beoordeling_form
            or RapportageBeoordelingForm(
                initial={"versie": rapportage.versie, "beoordeling": rapportage.beoordeling}
            ),
            "koppelen_form": koppelen_form
            or KoppelenForm(
                rapportage=rapportage,
                initial={
                    "versie": rapportage.versie,
                    "vervolgonderzoek": rapportage.vervolgonderzoek_id,
                },
            ),
        },
        status=status,
    )


@require_http_methods(["GET"])
@rol_vereist(Rol.INSPECTEUR)
def rapportage(request, rapportage_pk: int):
    """One progress report: opening it marks it read; then assess it and link it."""
    gevonden = get_object_or_404(inbox_rapportages(), pk=rapportage_pk)
    voortgangsrapportage_gelezen(rapportage=gevonden, door=request.user)
    return _rapportage_pagina(request, gevonden)


def _rapportage_stap(
    request, rapportage_pk: int, *, form, service, veld: str, naam: str, klaar: str
):
    """One inspector's step on a progress report (assess it, link it): the form, the service,
    and on refusal the report's page again with what was typed; a stale version answers 409
    with the colleague's version shown."""
    gevonden = get_object_or_404(inbox_rapportages(), pk=rapportage_pk)
    form = form(request.POST, rapportage=gevonden)
    if form.is_valid():
        try:
            service(rapportage=gevonden, door=request.user, **form.cleaned_data)
        except PlanConflict as exc:
            form.add_error(None, str(exc))
            return _rapportage_pagina(request, exc.actueel, **{naam: form}, status=409)
        except ToezichtFout as exc:
            form.add_error(veld, str(exc))
        else:
            messages.success(request, klaar)
            return redirect("voortgang:rapportage", rapportage_pk=gevonden.pk)
    return _rapportage_pagina(request, gevonden, **{naam: form}, status=400)


@require_http_methods(["POST"])
@rol_vereist(Rol.INSPECTEUR)
def beoordelen(request, rapportage_pk: int):
    return _rapportage_stap(
        request,
        rapportage_pk,
        form=RapportageBeoordelingForm,
        service=voortgangsrapportage_beoordelen,
        veld="beoordeling",
        naam="beoordeling_form",
        klaar="De beoordeling is opgeslagen.",
    )


@require_http_methods(["POST"])
@rol_vereist(Rol.INSPECTEUR)
def koppelen(request, rapportage_pk: int):
    return _rapportage_stap(
        request,
        rapportage_pk,
        form=KoppelenForm,
        service=voortgangsrapportage_koppelen,
        veld="vervolgonderzoek",
        naam="koppelen_form",
        klaar="De koppeling met het vervolgonderzoek is opgeslagen.",
    )


@require_http_methods(["POST"])
@rol_vereist(Rol.INSPECTEUR)
def plan_accepteren(request, plan_pk: int):
    plan = get_object_or_404(Verbeterplan, pk=plan_pk)
    form = AccepterenForm(request.POST)
    try:
        if not form.is_valid():
            raise VoortgangFout("Het plan kon niet worden geaccepteerd: laad de pagina opnieuw.")
        verbeterplan_accepteren(plan=plan, versie=form.cleaned_data["versie"], door=request.user)
    except ToezichtFout as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"Het plan voor ‘{plan.indicator}’ is geaccepteerd.")
    return redirect("voortgang:inbox_onderzoek", onderzoek_pk=plan.onderzoek_id)
