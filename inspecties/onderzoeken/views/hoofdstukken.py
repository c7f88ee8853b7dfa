"""The chapters of an onderzoeksrapport on the scoring page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from inspecties.beveiliging.invoer import invoer_in_formulier
from inspecties.beveiliging.rollen import Rol, rol_vereist
from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken import services
from inspecties.onderzoeken.forms import (
    HoofdstukForm,
    HoofdstukToevoegenForm,
    HoofdstukVerplaatsenForm,
    HoofdstukVerwijderenForm,
)
from inspecties.onderzoeken.models import Hoofdstuk, Onderzoek
from inspecties.onderzoeken.services import VersieConflict
from inspecties.onderzoeken.views.pagina import (
    PAGINA,
    bewaar_invoer_bij_verlopen_sessie,
    concept_opgeslagen,
    formulierfouten,
    pagina_context,
    verschillen_met,
)


def _naar_hoofdstukken(pk: int, anker: str = "hoofdstukken"):
    return redirect(reverse("inspecties:onderzoek_scoren", args=[pk]) + f"#{anker}")


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def hoofdstuk_toevoegen(request, pk: int):
    onderzoek = get_object_or_404(Onderzoek, pk=pk)
    form = HoofdstukToevoegenForm(request.POST)
    if not form.is_valid():
        context = pagina_context(request, pk, nieuw_hoofdstuk_form=form)
        return render(request, PAGINA, context, status=400)
    try:
        hoofdstuk = services.hoofdstuk_toevoegen(
            onderzoek=onderzoek, titel=form.cleaned_data["titel"], door=request.user
        )
    except ToezichtFout as fout:
        messages.error(request, str(fout))
        return _naar_hoofdstukken(pk)
    messages.success(request, f"Hoofdstuk ‘{hoofdstuk.titel}’ is toegevoegd.")
    concept_opgeslagen(request, f"nieuw-hoofdstuk-{pk}")
    return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")


def _hoofdstuk_pagina(request, pk: int, hoofdstuk: Hoofdstuk, form, status: int, **extra):
    """The page with this chapter's form showing what the user typed (and why it was refused)."""
    context = pagina_context(request, pk)
    for h in context["hoofdstukken"]:
        if h.pk == hoofdstuk.pk:
            h.form = form
            for sleutel, waarde in extra.items():
                setattr(h, sleutel, waarde)
    return render(request, PAGINA, context, status=status)


@require_POST
@bewaar_invoer_bij_verlopen_sessie
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def hoofdstuk_opslaan(request, pk: int, hoofdstuk_pk: int):
    hoofdstuk = get_object_or_404(Hoofdstuk, pk=hoofdstuk_pk, onderzoek_id=pk)
    form = HoofdstukForm(request.POST, prefix=f"h{hoofdstuk.pk}")
    if not form.is_valid():
        return _hoofdstuk_pagina(request, pk, hoofdstuk, form, 400)
    data = dict(form.cleaned_data)
    versie = data.pop("versie")
    try:
        services.hoofdstuk_opslaan(hoofdstuk=hoofdstuk, versie=versie, door=request.user, **data)
    except VersieConflict as conflict:
        verschillen = verschillen_met(form, conflict.actueel, Hoofdstuk.TEKSTEN)
        form.data = form.data.copy()
        form.data[form.add_prefix("versie")] = conflict.actueel.versie
        return _hoofdstuk_pagina(request, pk, hoofdstuk, form, 409, verschillen=verschillen)
    except ToezichtFout as fout:
        form.add_error(None, str(fout))
        return _hoofdstuk_pagina(request, pk, hoofdstuk, form, 400)
    messages.success(request, "Het hoofdstuk is opgeslagen.")
    concept_opgeslagen(request, f"hoofdstuk-{hoofdstuk.pk}")
    return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def hoofdstuk_verplaatsen(request, pk: int, hoofdstuk_pk: int):
    hoofdstuk = get_object_or_404(Hoofdstuk, pk=hoofdstuk_pk, onderzoek_id=pk)
    form = HoofdstukVerplaatsenForm(request.POST)
    if not form.is_valid():
        messages.error(request, formulierfouten(form))
        return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")
    try:
        services.hoofdstuk_verplaatsen(
            hoofdstuk=hoofdstuk,
            omhoog=form.cleaned_data["richting"] == "omhoog",
            door=request.user,
        )
    except ToezichtFout as fout:
        messages.error(request, str(fout))
    return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")


@require_POST
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def hoofdstuk_verwijderen(request, pk: int, hoofdstuk_pk: int):
    hoofdstuk = get_object_or_404(Hoofdstuk, pk=hoofdstuk_pk, onderzoek_id=pk)
    form = HoofdstukVerwijderenForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            f"Hoofdstuk ‘{hoofdstuk.titel}’ is niet verwijderd: laad de pagina opnieuw en "
            "probeer het nog eens.",
        )
        return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")
    try:
        services.hoofdstuk_verwijderen(
            hoofdstuk=hoofdstuk, versie=form.cleaned_data["versie"], door=request.user
        )
    except VersieConflict:
        messages.error(
            request,
            f"Hoofdstuk ‘{hoofdstuk.titel}’ is niet verwijderd: iemand anders heeft het intussen "
            "gewijzigd. Bekijk de wijziging en verwijder het zo nodig opnieuw.",
        )
        return _naar_hoofdstukken(pk, f"hoofdstuk-{hoofdstuk.pk}")
    except ToezichtFout as fout:
        messages.error(request, str(fout))
    else:
        messages.success(request, f"Hoofdstuk ‘{hoofdstuk.titel}’ is verwijderd.")
    return _naar_hoofdstukken(pk)
