"""The municipality's portal: its published studies, open improvement points and progress
reports, and uploading a new one.

Every view finds what it shows through inspecties.portaal.selectors, scoped to request.user's
gemeenten; an id of another gemeente's study or upload answers 404.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods

from inspecties.beveiliging.rollen import Rol, rol_vereist
from inspecties.beveiliging.services import beveiligingslog_schrijven, toegang_geweigerd_loggen
from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken.selectors import onderzoek_voor_rapport
from inspecties.portaal.selectors import (
    open_verbeterpunten,
    portaal_onderzoek,
    portaal_onderzoeken,
    portaal_publicatie,
    portaal_voortgangsrapportage,
    portaal_voortgangsrapportages,
)
from inspecties.regels.deadlines import deadline_status
from inspecties.voortgang.downloads import bijlage
from inspecties.voortgang.forms import GrootteGrens, VerbeterplanForm, VoortgangsrapportageForm
from inspecties.voortgang.selectors import (
    met_deadline,
    open_verbeterpunten_van,
    punten_met_plan,
    voortgang_deadline_van,
)
from inspecties.voortgang.services import (
    PlanConflict,
    verbeterplan_opslaan,
    voortgangsrapportage_indienen,
)
from inspecties.voortgang.uploads import MAX_GROOTTE


@require_http_methods(["GET"])
@rol_vereist(Rol.GEMEENTE)
def portaal_home(request):
    vandaag = timezone.localdate()
    onderzoeken = met_deadline(list(portaal_onderzoeken(gebruiker=request.user)), vandaag)
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
        except ToezichtFout as exc:
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
    return bijlage(rapportage)


def _plan_formulieren(rijen, data=None, sleutel=None):
    """One form per point (its own prefix, so ids stay unique); only the sent one is bound."""
    for i, rij in enumerate(rijen):
        plan = rij.plan
        initial = {"sleutel": rij.punt.sleutel}
        if plan:
            initial |= {
                v: getattr(plan, v)
                for v in ("versie", "maatregel", "verantwoordelijke", "uiterlijk", "voortgang")
            }
            initial["toelichting"] = plan.toelichting
        gebonden = data if data is not None and rij.punt.sleutel == sleutel else None
        rij.form = VerbeterplanForm(gebonden, prefix=f"punt{i}", initial=initial, plan=plan)
    return next((r for r in rijen if r.form.is_bound), None)


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.GEMEENTE)
def portaal_verbeterplan(request, onderzoek_pk: int):
    """Per open improvement point: what the gemeente will do, who, by when; later, progress."""
    onderzoek = portaal_onderzoek(gebruiker=request.user, onderzoek_pk=onderzoek_pk)
    punten = open_verbeterpunten_van(onderzoek=onderzoek, gebruiker=request.user)
    rijen = punten_met_plan(onderzoek=onderzoek, punten=punten, vandaag=timezone.localdate())
    verzonden = _plan_formulieren(rijen, request.POST or None, _verzonden_sleutel(request))
    if verzonden is not None and verzonden.form.is_valid():
        gegevens = {**verzonden.form.cleaned_data}
        gegevens.pop("sleutel")
        try:
            verbeterplan_opslaan(
                onderzoek=onderzoek, sleutel=verzonden.punt.sleutel, door=request.user, **gegevens
            )
        except PlanConflict as exc:
            verzonden.form.add_error(None, str(exc))
            verzonden.actueel = exc.actueel
        except ToezichtFout as exc:
            verzonden.form.add_error("uiterlijk", str(exc))
        else:
            messages.success(request, f"Het plan voor ‘{verzonden.punt.indicator}’ is opgeslagen.")
            return redirect(reverse("portaal:verbeterplan", args=[onderzoek.pk]))
    deadline = voortgang_deadline_van(onderzoek)
    return render(
        request,
        "portaal/verbeterplan.html",
        {"onderzoek": onderzoek, "rijen": rijen, "deadline": deadline},
        status=400 if request.method == "POST" else 200,
    )


def _verzonden_sleutel(request) -> str | None:
    """The point a POST is about: the `sleutel` field of whichever prefix was sent."""
    return next(
        (v for k, v in request.POST.items() if k.endswith("-sleutel")),
        None,
    )
