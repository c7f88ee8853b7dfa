"""The list of studies and creating a new one."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from inspecties.beveiliging.invoer import invoer_in_formulier
from inspecties.beveiliging.rollen import INTERN, Rol, heeft_rol, rol_vereist
from inspecties.fouten import ToezichtFout
from inspecties.onderzoeken import services
from inspecties.onderzoeken.forms import (
    OnderzoekAanmakenForm,
    OnderzoekFilterForm,
)
from inspecties.onderzoeken.models import Onderzoek
from inspecties.onderzoeken.selectors import onderzoeken_overzicht, onderzoeken_pagina


@require_GET
@rol_vereist(*INTERN)
def onderzoek_lijst(request):
    filters = OnderzoekFilterForm(request.GET or None)
    onderzoeken = onderzoeken_overzicht(**(filters.cleaned_data if filters.is_valid() else {}))
    pagina = onderzoeken_pagina(onderzoeken, pagina=request.GET.get("pagina"))
    return render(
        request,
        "inspecties/onderzoek_lijst.html",
        {
            "onderzoeken": pagina.object_list,
            "pagina": pagina,
            "filters": filters,
            "mag_bewerken": heeft_rol(request.user, Rol.INSPECTEUR),
        },
    )


def _inspecteurs():
    return (
        get_user_model()
        .objects.filter(groups__name=Rol.INSPECTEUR)
        .order_by("first_name", "last_name", "username")
    )


def _voorstel(get) -> dict:
    """A follow-up planned from Mijn werk (?vorig=<pk>): the form starts filled in for it."""
    vorig = (
        Onderzoek.objects.filter(pk=get.get("vorig", "")).first()
        if get.get("vorig", "").isdigit()
        else None
    )
    if vorig is None:
        return {}
    return {
        "vorig_onderzoek": vorig.pk,
        "aanpak": vorig.aanpak_id,
        "kader": vorig.kader_id,
        "soort": Onderzoek.Soort.VERVOLGONDERZOEK,
        "jaar": vorig.jaar + 1,
    }


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.INSPECTEUR)
@invoer_in_formulier
def onderzoek_nieuw(request):
    form = OnderzoekAanmakenForm(
        request.POST or None, inspecteurs=_inspecteurs(), initial=_voorstel(request.GET)
    )
    if request.method == "POST" and form.is_valid():
        try:
            onderzoek = services.onderzoek_aanmaken(**form.cleaned_data, door=request.user)
        except ToezichtFout as fout:
            form.add_error(None, str(fout))
        else:
            messages.success(request, "Het onderzoek is aangemaakt.")
            return redirect("inspecties:onderzoek_scoren", pk=onderzoek.pk)
    return render(request, "inspecties/onderzoek_nieuw.html", {"form": form})
